package gosdk

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/Azure/go-autorest/autorest/validation"
)

var webToContact = linkDefinition{
	interactionType: "WebVisit",
	profileType:     "Contact",
	participants:    []propertyPair{{interaction: "VisitorId", profile: "ContactId"}},
}

// expectedLink is a link as the emulator shows it once provisioned, in the api-version's own shape.
func expectedLink(api sdk, hub, name string, definition linkDefinition) link {
	shown := definition
	if shown.referenceOnly == nil {
		shown.referenceOnly = ptr(false)
	}
	if shown.mappings != nil {
		shown.mappings = append([]linkMapping(nil), definition.mappings...)
		for index := range shown.mappings {
			if !api.hasIsProfileTypeID() {
				shown.mappings[index].isProfileTypeID = nil
			}
		}
	}
	return link{
		serverFields: serverFields{
			id: hubChildID(hub, "links", name), name: hub + "/" + name, resourceType: "Microsoft.CustomerInsights/hubs/links",
			tenantID: strings.ToLower(hub), linkName: name, provisioningState: "Succeeded",
		},
		sourceEntityType: "Interaction", targetEntityType: "Profile",
		linkDefinition: shown,
	}
}

func checkLink(t *testing.T, got, want link) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("link\n got %+v\nwant %+v", got, want)
	}
}

// createLinkAndWait is the SDK's create-and-wait: CreateOrUpdate, then the future's WaitForCompletionRef and Result.
func createLinkAndWait(ctx context.Context, api sdk, hub, name string, definition linkDefinition) (startedLink, link, error) {
	operation, err := api.beginLink(ctx, hub, name, definition)
	if err != nil {
		return operation, link{}, err
	}
	if err := waitFor(ctx, operation.started); err != nil {
		return operation, link{}, err
	}
	created, err := operation.result()
	return operation, created, err
}

func TestLinks(t *testing.T) {
	forEachSDK(t, "links", func(t *testing.T, api sdk, hub string) {
		ctx := context.Background()
		updated := webToContact
		updated.referenceOnly = ptr(true)
		updated.displayName = map[string]string{"en-us": "Web visit to contact"}
		updated.mappings = []linkMapping{{interaction: "Email", profile: "EmailAddress", linkType: "CopyIfNull", isProfileTypeID: ptr(true)}}

		created := t.Run("create_and_wait", func(t *testing.T) {
			var operation startedLink
			var got link
			err := timed(t, "link", api.apiVersion(), func() (err error) {
				operation, got, err = createLinkAndWait(ctx, api, hub, "WebToContact", webToContact)
				return err
			})
			if err != nil {
				t.Fatalf("create and wait: %v", err)
			}
			checkStarted(t, operation.started, profile.create, hubChildID(hub, "links", "WebToContact"), api.apiVersion())
			checkProvisioningBody(t, operation.started)
			checkLink(t, got, expectedLink(api, hub, "WebToContact", webToContact))
		})
		if !created {
			return
		}

		t.Run("update_and_wait", func(t *testing.T) {
			operation, got, err := createLinkAndWait(ctx, api, hub, "WebToContact", updated)
			if err != nil {
				t.Fatalf("update and wait: %v", err)
			}
			checkStarted(t, operation.started, profile.update, hubChildID(hub, "links", "WebToContact"), api.apiVersion())
			checkProvisioningBody(t, operation.started)
			checkLink(t, got, expectedLink(api, hub, "WebToContact", updated))
		})

		t.Run("get", func(t *testing.T) {
			got, err := api.getLink(ctx, hub, "WebToContact")
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			checkLink(t, got, expectedLink(api, hub, "WebToContact", updated))
		})

		t.Run("list_across_pages", func(t *testing.T) {
			more := []string{"L1", "L2", "L3", "L4", "L5", "L6"}
			err := createAll(more, func(name string) error {
				_, _, err := createLinkAndWait(ctx, api, hub, name, webToContact)
				return err
			})
			if err != nil {
				t.Fatalf("create and wait: %v", err)
			}
			want := append(append([]string(nil), more...), "WebToContact")
			pages, err := api.linkPages(ctx, hub)
			if err != nil {
				t.Fatalf("ListByHub and NextWithContext: %v", err)
			}
			checkPages(t, pages, want)

			all, err := api.allLinks(ctx, hub)
			if err != nil {
				t.Fatalf("ListByHubComplete: %v", err)
			}
			if len(all) != len(want) {
				t.Fatalf("ListByHubComplete gave %d links, want %d", len(all), len(want))
			}
			for index, name := range more {
				checkLink(t, all[index], expectedLink(api, hub, name, webToContact))
			}
			checkLink(t, all[len(more)], expectedLink(api, hub, "WebToContact", updated))
		})

		t.Run("delete", func(t *testing.T) {
			response, err := api.deleteLink(ctx, hub, "L1")
			if err != nil {
				t.Fatalf("delete: %v", err)
			}
			if response.StatusCode != profile.deleteExisting {
				t.Errorf("delete: status %d, want %d", response.StatusCode, profile.deleteExisting)
			}
			gone(t, func() error { _, err := api.getLink(ctx, hub, "L1"); return err }, response.StatusCode == http.StatusAccepted)
		})

		// LinksClient.DeleteResponder accepts 200 and 202 only (links.go, azure.WithErrorUnlessStatusCode(http.StatusOK,
		// http.StatusAccepted)): the default profile's 204 for a link that is not there comes back as an error.
		t.Run("delete_missing", func(t *testing.T) {
			response, err := api.deleteLink(ctx, hub, "NeverThere")
			status := 0
			if response != nil {
				status = response.StatusCode
			}
			if profile.deleteMissing != 0 && status != profile.deleteMissing {
				t.Errorf("delete of a link that does not exist: status %d, want %d", status, profile.deleteMissing)
			}
			switch status {
			case http.StatusOK, http.StatusAccepted:
				if err != nil {
					t.Errorf("delete answered %d, which the SDK accepts, yet returned %v", status, err)
				}
			case http.StatusNoContent:
				found := checkARMError(t, err, http.StatusNoContent, "")
				t.Logf("the SDK refuses the 204 (no ARM code, status %d): %v", found.status, err)
			default:
				t.Errorf("delete of a link that does not exist: status %d, error %v", status, err)
			}
		})

		// Followed as a long-running operation (DeletePreparer, DeleteSender, azure.NewFutureFromResponse), a link's
		// DELETE is waited for under every profile, and a 204 is a success: the future's polling tracker takes
		// 200, 201, 202 and 204 as its first response.
		t.Run("delete_and_wait_as_a_long_running_operation", func(t *testing.T) {
			operation, err := api.beginDeleteLink(ctx, hub, "L2")
			if err != nil {
				t.Fatalf("delete: %v", err)
			}
			checkStarted(t, operation, profile.deleteExisting, hubChildID(hub, "links", "L2"), api.apiVersion())
			if err := waitFor(ctx, operation); err != nil {
				t.Fatalf("wait: %v", err)
			}
			gone(t, func() error { _, err := api.getLink(ctx, hub, "L2"); return err }, false)

			missing, err := api.beginDeleteLink(ctx, hub, "NeverThere")
			if err == nil {
				err = waitFor(ctx, missing)
			}
			if err != nil {
				t.Errorf("delete of a link that does not exist, followed as a long-running operation: %v", err)
			}
		})

		t.Run("error_400_ValidationFailed", func(t *testing.T) {
			invalid := webToContact
			invalid.mappings = []linkMapping{{interaction: "Email", profile: "EmailAddress", linkType: "Sometimes"}}
			_, _, err := createLinkAndWait(ctx, api, hub, "Invalid", invalid)
			found := checkARMError(t, err, http.StatusBadRequest, "ValidationFailed")
			if found.target != "properties.mappings[0].linkType" {
				t.Errorf("the error's target is %q, want properties.mappings[0].linkType", found.target)
			}
			_, err = api.getLink(ctx, hub, "Invalid")
			checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
		})

		t.Run("error_404_ResourceNotFound", func(t *testing.T) {
			_, err := api.getLink(ctx, hub, "Missing")
			checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
		})

		// The SDK checks a link's name against the swagger's pattern before it sends anything.
		t.Run("invalid_name_refused_by_the_sdk", func(t *testing.T) {
			_, err := api.beginLink(ctx, hub, "1-invalid", webToContact)
			var refused validation.Error
			if !errors.As(err, &refused) {
				t.Errorf("want a validation.Error from the SDK, got %v", err)
			}
		})
	})
}

// A link is stored once and reads in either api-version, each in its own shape.
func TestLinksAcrossAPIVersions(t *testing.T) {
	ctx := context.Background()
	hub := "linksAcross"
	sdks := allSDKs()
	for index, writer := range sdks {
		reader := sdks[1-index]
		definition := webToContact
		definition.mappings = []linkMapping{{interaction: "Email", profile: "EmailAddress", linkType: "UpdateAlways"}}
		name := "WrittenIn" + strings.ReplaceAll(writer.apiVersion(), "-", "")
		t.Run("written_in_"+writer.apiVersion()+"_read_in_"+reader.apiVersion(), func(t *testing.T) {
			if _, _, err := createLinkAndWait(ctx, writer, hub, name, definition); err != nil {
				t.Fatalf("create and wait: %v", err)
			}
			got, err := reader.getLink(ctx, hub, name)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			checkLink(t, got, expectedLink(reader, hub, name, definition))
		})
	}
}
