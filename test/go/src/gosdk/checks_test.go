package gosdk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// maxCreateAndWait bounds a create-and-wait with the SDK's default settings against the emulator's (500 ms of
// provisioning). The contract: about one polling interval, the emulator's Retry-After of 1 s. Without Retry-After
// the SDK would wait its client.PollingDelay, 30 s (autorest.DefaultPollingDelay), before each further poll.
const maxCreateAndWait = 5 * time.Second

// waitLimit bounds each wait, so that a missing Retry-After fails the case with a reason instead of running for
// minutes: the SDK would then wait 30 s between polls.
const waitLimit = 10 * time.Second

// waitFor waits for a long-running operation the way a user does, with the future's WaitForCompletionRef and the
// client's own polling settings; only the context bounds it.
func waitFor(ctx context.Context, operation started) error {
	ctx, cancel := context.WithTimeout(ctx, waitLimit)
	defer cancel()
	err := operation.wait(ctx)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("not done within %s (the SDK waits client.PollingDelay, 30 s, between polls unless Retry-After says otherwise): %w", waitLimit, err)
	}
	return err
}

// forEachSDK runs the cases once per package, both at once, each in a hub of its own.
func forEachSDK(t *testing.T, hubPrefix string, run func(t *testing.T, api sdk, hub string)) {
	for _, api := range allSDKs() {
		api := api
		t.Run(api.apiVersion(), func(t *testing.T) {
			t.Parallel()
			if api.apiVersion() == "2017-01-01" {
			}
			run(t, api, hubPrefix+strings.ReplaceAll(api.apiVersion(), "-", ""))
		})
	}
}

func hubChildID(hub, collection, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CustomerInsights/hubs/%s/%s/%s",
		subscriptionID, resourceGroup, hub, collection, name)
}

// checkStarted checks the first response of a PUT, or of a DELETE followed as a long-running operation: its status,
// and when it leaves the operation running, the headers the SDK's poller follows.
func checkStarted(t *testing.T, first started, status int, resourceID, apiVersion string) {
	t.Helper()
	if first.response == nil {
		t.Fatalf("no first response")
	}
	if first.response.StatusCode != status {
		t.Errorf("first response: status %d, want %d (%s profile)", first.response.StatusCode, status, profile.name)
	}
	header := first.response.Header
	retryAfter := header.Get("Retry-After")
	// The SDK's Future.GetPollingDelay (go-autorest azure/async.go) reads Retry-After as whole seconds, with
	// time.ParseDuration(retry + "s"), and panics on anything else, an HTTP date included.
	if seconds, err := strconv.Atoi(retryAfter); retryAfter != "" && (err != nil || seconds < 0) {
		t.Errorf("Retry-After %q is not whole seconds: the SDK would panic reading it", retryAfter)
	}
	// A DELETE answered 200 or 204 has ended: the SDK's future is done without polling.
	if first.response.Request.Method == http.MethodDelete && first.response.StatusCode != http.StatusAccepted {
		return
	}
	if retryAfter == "" {
		t.Errorf("no Retry-After: the SDK polls at once, then waits its client.PollingDelay (30 s) before each further poll")
	}
	if profile.locationPolling {
		if asyncOperation := header.Get("Azure-AsyncOperation"); asyncOperation != "" {
			t.Errorf("Azure-AsyncOperation %q: the service answered with Location only", asyncOperation)
		}
		pattern := "^" + regexp.QuoteMeta(emulatorURL+resourceID+"/operations/") + "[0-9a-f]{32}" + regexp.QuoteMeta("?api-version="+apiVersion) + "$"
		if location := header.Get("Location"); !regexp.MustCompile(pattern).MatchString(location) {
			t.Errorf("Location %q does not match %s", location, pattern)
		}
		return
	}
	statuses := emulatorURL + "/subscriptions/" + subscriptionID + "/providers/Microsoft.CustomerInsights/operationStatuses/"
	if asyncOperation := header.Get("Azure-AsyncOperation"); !strings.HasPrefix(asyncOperation, statuses) {
		t.Errorf("Azure-AsyncOperation %q is not an operation status on the emulator (%s…)", asyncOperation, statuses)
	}
}

// checkProvisioningBody checks that a PUT's first response shows the resource still provisioning.
func checkProvisioningBody(t *testing.T, first started) {
	t.Helper()
	var body struct {
		Properties struct {
			ProvisioningState string `json:"provisioningState"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(first.body, &body); err != nil || body.Properties.ProvisioningState != "Provisioning" {
		t.Errorf("the first response should show provisioningState Provisioning: %s", first.body)
	}
}

// checkARMError checks an error the SDK returned against the HTTP status and ARM error code expected.
func checkARMError(t *testing.T, err error, status int, code string) armError {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %d %s", status, code)
	}
	found := armErrorOf(err)
	if found.status != status || found.code != code {
		t.Errorf("read status %d and code %q from the error, want %d and %q; the error: %v", found.status, found.code, status, code, err)
	}
	return found
}

// gone checks that a resource is not found, waiting for it to go when its DELETE was only accepted (202), up to a
// few seconds.
func gone(t *testing.T, get func() error, accepted bool) {
	t.Helper()
	deadline := time.Now()
	if accepted {
		deadline = deadline.Add(maxCreateAndWait)
	}
	for {
		err := get()
		if err != nil || time.Now().After(deadline) {
			checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// timed runs a create-and-wait and, when it succeeded, reports how long it took with the SDK's default settings.
func timed(t *testing.T, what, apiVersion string, createAndWait func() error) error {
	t.Helper()
	began := time.Now()
	if err := createAndWait(); err != nil {
		return err
	}
	elapsed := time.Since(began)
	t.Logf("create-and-wait with the SDK's default settings: %s (%s, api-version %s, %s profile)",
		elapsed.Round(time.Millisecond), what, apiVersion, profile.name)
	if elapsed > maxCreateAndWait {
		t.Errorf("a create-and-wait took %s, more than %s", elapsed, maxCreateAndWait)
	}
	return nil
}

// createAll creates resources at once, each waited for as a user would.
func createAll(names []string, create func(name string) error) error {
	errs := make(chan error, len(names))
	for _, name := range names {
		go func(name string) { errs <- create(name) }(name)
	}
	var first error
	for range names {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// checkPages checks that a listing came in several pages, each as long as the emulator's page size but the last.
func checkPages(t *testing.T, pages [][]string, want []string) {
	t.Helper()
	if len(pages) < 2 {
		t.Errorf("the listing came in %d page(s), want several: %v", len(pages), pages)
	}
	var names []string
	for index, page := range pages {
		if pageSize > 0 && index < len(pages)-1 && len(page) != pageSize {
			t.Errorf("page %d has %d items, want the emulator's page size, %d", index, len(page), pageSize)
		}
		names = append(names, page...)
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("listed %v, want %v", names, want)
	}
}
