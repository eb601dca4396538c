package gosdk

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

var buyerOfAccount = relationshipLinkDefinition{
	interactionType:          "Purchase",
	relationshipName:         "ContactToAccount",
	profileProperties:        []propertyPair{{interaction: "BuyerId", profile: "ContactId"}},
	relatedProfileProperties: []propertyPair{{interaction: "AccountId", profile: "AccountId"}},
}

func expectedRelationshipLink(hub, name string, definition relationshipLinkDefinition) relationshipLink {
	return relationshipLink{
		serverFields: serverFields{
			id: hubChildID(hub, "relationshipLinks", name), name: hub + "/" + name,
			resourceType: "Microsoft.CustomerInsights/hubs/relationshipLinks",
			tenantID:     strings.ToLower(hub), linkName: name, provisioningState: "Succeeded",
		},
		relationshipLinkDefinition: definition,
	}
}

// checkRelationshipLink compares all but relationshipGuidId, which relationshipGuidIDNotShown checks on its own.
func checkRelationshipLink(t *testing.T, got, want relationshipLink) {
	t.Helper()
	got.relationshipGUIDID = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relationship link\n got %+v\nwant %+v", got, want)
	}
}

func relationshipGUIDIDNotShown(t *testing.T, read ...relationshipLink) {
	t.Helper()
	for _, resource := range read {
		if resource.relationshipGUIDID != nil {
			t.Errorf("%s shows relationshipGuidId %q, which the service never returned", resource.name, *resource.relationshipGUIDID)
		}
	}
}

func createRelationshipLinkAndWait(ctx context.Context, api sdk, hub, name string, definition relationshipLinkDefinition) (startedRelationshipLink, relationshipLink, error) {
	operation, err := api.beginRelationshipLink(ctx, hub, name, definition)
	if err != nil {
		return operation, relationshipLink{}, err
	}
	if err := waitFor(ctx, operation.started); err != nil {
		return operation, relationshipLink{}, err
	}
	created, err := operation.result()
	return operation, created, err
}

func TestRelationshipLinks(t *testing.T) {
	forEachSDK(t, "relationshipLinks", func(t *testing.T, api sdk, hub string) {
		ctx := context.Background()
		updated := buyerOfAccount
		updated.displayName = map[string]string{"en-us": "Buyer of an account"}
		updated.mappings = []fieldMapping{{interactionField: "Amount", relationshipField: "LastAmount", linkType: "UpdateAlways"}}
		var read []relationshipLink

		created := t.Run("create_and_wait", func(t *testing.T) {
			var operation startedRelationshipLink
			var got relationshipLink
			err := timed(t, "relationship link", api.apiVersion(), func() (err error) {
				operation, got, err = createRelationshipLinkAndWait(ctx, api, hub, "BuyerOfAccount", buyerOfAccount)
				return err
			})
			if err != nil {
				t.Fatalf("create and wait: %v", err)
			}
			read = append(read, got)
			checkStarted(t, operation.started, profile.create, hubChildID(hub, "relationshipLinks", "BuyerOfAccount"), api.apiVersion())
			checkProvisioningBody(t, operation.started)
			checkRelationshipLink(t, got, expectedRelationshipLink(hub, "BuyerOfAccount", buyerOfAccount))
		})
		if !created {
			return
		}

		t.Run("update_and_wait", func(t *testing.T) {
			operation, got, err := createRelationshipLinkAndWait(ctx, api, hub, "BuyerOfAccount", updated)
			if err != nil {
				t.Fatalf("update and wait: %v", err)
			}
			read = append(read, got)
			checkStarted(t, operation.started, profile.update, hubChildID(hub, "relationshipLinks", "BuyerOfAccount"), api.apiVersion())
			checkRelationshipLink(t, got, expectedRelationshipLink(hub, "BuyerOfAccount", updated))
		})

		t.Run("get", func(t *testing.T) {
			got, err := api.getRelationshipLink(ctx, hub, "BuyerOfAccount")
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			read = append(read, got)
			checkRelationshipLink(t, got, expectedRelationshipLink(hub, "BuyerOfAccount", updated))
		})

		t.Run("list_across_pages", func(t *testing.T) {
			more := []string{"R1", "R2", "R3"}
			err := createAll(more, func(name string) error {
				_, _, err := createRelationshipLinkAndWait(ctx, api, hub, name, buyerOfAccount)
				return err
			})
			if err != nil {
				t.Fatalf("create and wait: %v", err)
			}
			want := append([]string{"BuyerOfAccount"}, more...)
			pages, err := api.relationshipLinkPages(ctx, hub)
			if err != nil {
				t.Fatalf("ListByHub and NextWithContext: %v", err)
			}
			checkPages(t, pages, want)

			all, err := api.allRelationshipLinks(ctx, hub)
			if err != nil {
				t.Fatalf("ListByHubComplete: %v", err)
			}
			if len(all) != len(want) {
				t.Fatalf("ListByHubComplete gave %d relationship links, want %d", len(all), len(want))
			}
			read = append(read, all...)
			checkRelationshipLink(t, all[0], expectedRelationshipLink(hub, "BuyerOfAccount", updated))
			for index, name := range more {
				checkRelationshipLink(t, all[index+1], expectedRelationshipLink(hub, name, buyerOfAccount))
			}
		})

		t.Run("relationshipGuidId_not_shown", func(t *testing.T) {
			relationshipGUIDIDNotShown(t, read...)
		})

		// RelationshipLinks_Delete is long-running: Delete gives a future, waited for as a PUT's is.
		t.Run("delete_and_wait", func(t *testing.T) {
			operation, err := api.beginDeleteRelationshipLink(ctx, hub, "R1")
			if err != nil {
				t.Fatalf("delete: %v", err)
			}
			checkStarted(t, operation, profile.deleteExisting, hubChildID(hub, "relationshipLinks", "R1"), api.apiVersion())
			if profile.locationPolling && strings.TrimSpace(string(operation.body)) != "null" {
				t.Errorf("the DELETE's body is %q, want null as the service answered", operation.body)
			}
			if err := waitFor(ctx, operation); err != nil {
				t.Fatalf("wait: %v", err)
			}
			gone(t, func() error { _, err := api.getRelationshipLink(ctx, hub, "R1"); return err }, false)
		})

		// The future takes 200, 201, 202 and 204 as a first response (go-autorest azure/async.go, initializeState):
		// the default profile's 204 for a relationship link that is not there is a success.
		t.Run("delete_missing_and_wait", func(t *testing.T) {
			operation, err := api.beginDeleteRelationshipLink(ctx, hub, "NeverThere")
			if err != nil {
				t.Fatalf("delete: %v", err)
			}
			if profile.deleteMissing != 0 && operation.response.StatusCode != profile.deleteMissing {
				t.Errorf("delete of a relationship link that does not exist: status %d, want %d", operation.response.StatusCode, profile.deleteMissing)
			}
			if err := waitFor(ctx, operation); err != nil {
				t.Errorf("wait: %v", err)
			}
		})

		// A PUT's error response reaches the caller through the future: an *azure.ServiceError inside the
		// autorest.DetailedError.
		t.Run("error_400_ValidationFailed", func(t *testing.T) {
			invalid := buyerOfAccount
			invalid.mappings = []fieldMapping{{interactionField: "Amount", relationshipField: "LastAmount", linkType: "Sometimes"}}
			_, _, err := createRelationshipLinkAndWait(ctx, api, hub, "Invalid", invalid)
			found := checkARMError(t, err, http.StatusBadRequest, "ValidationFailed")
			if found.target != "properties.mappings[0].linkType" {
				t.Errorf("the error's target is %q, want properties.mappings[0].linkType", found.target)
			}
		})

		// A GET's error response: an *azure.RequestError, whose ServiceError holds the ARM error.
		t.Run("error_404_ResourceNotFound", func(t *testing.T) {
			_, err := api.getRelationshipLink(ctx, hub, "Missing")
			checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
		})
	})
}
