// Package gosdk drives a running emulator with the Go track-1 SDK, both of its Customer Insights packages
// (services/customerinsights/mgmt/2017-01-01 and 2017-04-26), the way a user's code calls them.
//
// It is run by test/go/go-sdk.test.ts (npm run test:go), once per emulator profile, with:
//
//	EMULATOR_URL        the emulator's HTTPS origin, https://localhost:<port>
//	EMULATOR_PROFILE    default, swagger or service: the status codes to expect
//	EMULATOR_PAGE_SIZE  the emulator's page size, when the listing tests should check the size of each page
//	SSL_CERT_FILE       the emulator's CA: the only trust set-up, as a user's would be
package gosdk

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/Azure/go-autorest/autorest"
	"github.com/Azure/go-autorest/autorest/azure"
)

const (
	subscriptionID = "5b1c2d3e-0000-4000-8000-000000000002"
	resourceGroup  = "go-sdk-rg"
)

var (
	emulatorURL string
	profile     profileExpectations
	pageSize    int
)

func TestMain(m *testing.M) {
	if err := configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func configure() error {
	emulatorURL = strings.TrimSuffix(os.Getenv("EMULATOR_URL"), "/")
	if !strings.HasPrefix(emulatorURL, "https://") {
		return errors.New("EMULATOR_URL must be the emulator's HTTPS origin, such as https://localhost:8443 (and SSL_CERT_FILE its CA)")
	}
	name := os.Getenv("EMULATOR_PROFILE")
	if name == "" {
		name = "default"
	}
	expectations, ok := profiles[name]
	if !ok {
		return fmt.Errorf("EMULATOR_PROFILE %q is not one of default, swagger, service", name)
	}
	profile = expectations
	if size := os.Getenv("EMULATOR_PAGE_SIZE"); size != "" {
		number, err := strconv.Atoi(size)
		if err != nil || number < 1 {
			return fmt.Errorf("EMULATOR_PAGE_SIZE %q is not a whole number above 0", size)
		}
		pageSize = number
	}
	return nil
}

// profileExpectations are the status codes a profile answers with (CONTRACT.md, "Status codes: profiles" and
// "The service as it answered").
type profileExpectations struct {
	name string
	// PUT of a resource that did not exist, and of one that did.
	create, update int
	// DELETE of a resource that exists.
	deleteExisting int
	// DELETE of one that does not; 0 where the contract does not say.
	deleteMissing int
	// Long-running operations are followed through Location (202 and polling of the operation URL), not
	// Azure-AsyncOperation.
	locationPolling bool
}

var profiles = map[string]profileExpectations{
	"default": {name: "default", create: http.StatusCreated, update: http.StatusOK, deleteExisting: http.StatusOK, deleteMissing: http.StatusNoContent},
	"swagger": {name: "swagger", create: http.StatusOK, update: http.StatusOK, deleteExisting: http.StatusOK, deleteMissing: http.StatusOK},
	"service": {name: "service", create: http.StatusAccepted, update: http.StatusAccepted, deleteExisting: http.StatusAccepted, locationPolling: true},
}

// fakeToken is all the authorizer needs: the emulator accepts any bearer token.
type fakeToken struct{}

func (fakeToken) OAuthToken() string { return "emulator-token" }

// authorizer is what a user sets as a client's Authorizer to point it at the emulator.
func authorizer() autorest.Authorizer {
	return autorest.NewBearerAuthorizer(fakeToken{})
}

// armError is what a caller can read from an error the SDK returns for an ARM error response.
type armError struct {
	status int
	code   string
	target string
}

// armErrorOf reads the HTTP status and the ARM error code from an error of the SDK, as a user would. The code sits in
// one of two places:
//   - *azure.RequestError, when an operation's Responder refused the response (azure.WithErrorUnlessStatusCode):
//     a GET, a list, a link's DELETE;
//   - *azure.ServiceError, when the first response of a long-running operation was an error: the SDK's future
//     (azure.NewFutureFromResponse) returns the parsed error body itself, for a PUT or a relationship link's DELETE.
//
// Both arrive wrapped in an autorest.DetailedError, which carries the status code.
func armErrorOf(err error) armError {
	var found armError
	var detailed autorest.DetailedError
	if errors.As(err, &detailed) {
		found.status, _ = detailed.StatusCode.(int)
	}
	var serviceError *azure.ServiceError
	var requestError *azure.RequestError
	if errors.As(err, &requestError) && requestError.ServiceError != nil {
		serviceError = requestError.ServiceError
	} else if !errors.As(err, &serviceError) {
		return found
	}
	found.code = serviceError.Code
	if serviceError.Target != nil {
		found.target = *serviceError.Target
	}
	return found
}
