package gosdk

import (
	"context"
	"net/http"
	"strings"
	"testing"

	older "github.com/Azure/azure-sdk-for-go/services/customerinsights/mgmt/2017-01-01/customerinsights"
	newer "github.com/Azure/azure-sdk-for-go/services/customerinsights/mgmt/2017-04-26/customerinsights"
)

// A user's provisioning code, as the service's own SDK tests run it: a hub, then a profile type, an interaction type and
// a relationship, each waited for, then a link and a relationship link between them; at the end the hub is deleted,
// and everything in it with it. Once with each package: their types differ, so each walk is written for its own.

func TestHubWalk20170426(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitLimit*6)
	defer cancel()
	hub := "goWalkNewer"
	hubs := newer.NewHubsClientWithBaseURI(emulatorURL, subscriptionID)
	hubs.Authorizer = authorizer()
	created, err := hubs.CreateOrUpdate(ctx, resourceGroup, hub, newer.Hub{Location: ptr("westus"), HubPropertiesFormat: &newer.HubPropertiesFormat{
		HubBillingInfo: &newer.HubBillingInfoFormat{SkuName: ptr("B0"), MinUnits: ptr(int32(1)), MaxUnits: ptr(int32(5))},
	}})
	if err != nil {
		t.Fatalf("hub: %v", err)
	}
	if str(created.Name) != hub || str(created.ProvisioningState) != "Creating" || created.StatusCode != http.StatusCreated {
		t.Errorf("hub created: %d %s %s", created.StatusCode, str(created.Name), str(created.ProvisioningState))
	}

	profiles := newer.NewProfilesClientWithBaseURI(emulatorURL, subscriptionID)
	profiles.Authorizer = authorizer()
	profileFuture, err := profiles.CreateOrUpdate(ctx, resourceGroup, hub, "Contact", newer.ProfileResourceFormat{ProfileTypeDefinition: &newer.ProfileTypeDefinition{
		Fields: &[]newer.PropertyDefinition{{FieldName: ptr("ContactId"), FieldType: ptr("Edm.String")}, {FieldName: ptr("ProfileId"), FieldType: ptr("Edm.String")}},
	}})
	if err == nil {
		err = profileFuture.WaitForCompletionRef(ctx, profiles.Client)
	}
	profile, err := resultOf(err, func() (newer.ProfileResourceFormat, error) { return profileFuture.Result(profiles) })
	if err != nil {
		t.Fatalf("profile type: %v", err)
	}
	fields := *profile.Fields
	if profile.EntityType != newer.EntityTypesProfile || str(profile.TypeName) != "Contact" || *profile.InstancesCount != 0 ||
		str(fields[0].PropertyID) != "id1" || str(fields[1].PropertyID) != "PROFILEID" || *fields[0].IsRequired || profile.ProvisioningState != newer.ProvisioningStatesSucceeded {
		t.Errorf("profile type: %+v %+v", profile.ProfileTypeDefinition, fields)
	}

	interactions := newer.NewInteractionsClientWithBaseURI(emulatorURL, subscriptionID)
	interactions.Authorizer = authorizer()
	interactionFuture, err := interactions.CreateOrUpdate(ctx, resourceGroup, hub, "WebVisit", newer.InteractionResourceFormat{InteractionTypeDefinition: &newer.InteractionTypeDefinition{
		Fields: &[]newer.PropertyDefinition{{FieldName: ptr("VisitorId"), FieldType: ptr("Edm.String")}},
		ParticipantProfiles: &[]newer.Participant{{ProfileTypeName: ptr("Contact"), ParticipantName: ptr("Visitor"),
			ParticipantPropertyReferences: &[]newer.ParticipantPropertyReference{{SourcePropertyName: ptr("VisitorId"), TargetPropertyName: ptr("ContactId")}}}},
	}})
	if err == nil {
		err = interactionFuture.WaitForCompletionRef(ctx, interactions.Client)
	}
	interaction, err := resultOf(err, func() (newer.InteractionResourceFormat, error) { return interactionFuture.Result(interactions) })
	if err != nil {
		t.Fatalf("interaction type: %v", err)
	}
	participant := (*interaction.ParticipantProfiles)[0]
	if interaction.EntityType != newer.EntityTypesInteraction || str((*participant.ParticipantPropertyReferences)[0].SourcePropertyName) != "VisitorId" {
		t.Errorf("interaction type: %+v", interaction.InteractionTypeDefinition)
	}

	relationships := newer.NewRelationshipsClientWithBaseURI(emulatorURL, subscriptionID)
	relationships.Authorizer = authorizer()
	relationshipFuture, err := relationships.CreateOrUpdate(ctx, resourceGroup, hub, "Referrer", newer.RelationshipResourceFormat{RelationshipDefinition: &newer.RelationshipDefinition{
		ProfileType: ptr("Contact"), RelatedProfileType: ptr("Contact"),
	}})
	if err == nil {
		err = relationshipFuture.WaitForCompletionRef(ctx, relationships.Client)
	}
	relationship, err := resultOf(err, func() (newer.RelationshipResourceFormat, error) { return relationshipFuture.Result(relationships) })
	if err != nil {
		t.Fatalf("relationship: %v", err)
	}
	if relationship.Cardinality != newer.OneToOne || str(relationship.RelationshipName) != "Referrer" {
		t.Errorf("relationship: %+v", relationship.RelationshipDefinition)
	}

	links := newer.NewLinksClientWithBaseURI(emulatorURL, subscriptionID)
	links.Authorizer = authorizer()
	linkFuture, err := links.CreateOrUpdate(ctx, resourceGroup, hub, "WebToContact", linkResource20170426(webToContact))
	if err == nil {
		err = linkFuture.WaitForCompletionRef(ctx, links.Client)
	}
	if _, err := resultOf(err, func() (newer.LinkResourceFormat, error) { return linkFuture.Result(links) }); err != nil {
		t.Fatalf("link: %v", err)
	}
	relationshipLinks := newer.NewRelationshipLinksClientWithBaseURI(emulatorURL, subscriptionID)
	relationshipLinks.Authorizer = authorizer()
	relationshipLinkFuture, err := relationshipLinks.CreateOrUpdate(ctx, resourceGroup, hub, "ReferredBy", newer.RelationshipLinkResourceFormat{
		RelationshipLinkDefinition: &newer.RelationshipLinkDefinition{InteractionType: ptr("WebVisit"), RelationshipName: ptr("Referrer"),
			ProfilePropertyReferences:        &[]newer.ParticipantProfilePropertyReference{{InteractionPropertyName: ptr("VisitorId"), ProfilePropertyName: ptr("ContactId")}},
			RelatedProfilePropertyReferences: &[]newer.ParticipantProfilePropertyReference{{InteractionPropertyName: ptr("VisitorId"), ProfilePropertyName: ptr("ContactId")}}},
	})
	if err == nil {
		err = relationshipLinkFuture.WaitForCompletionRef(ctx, relationshipLinks.Client)
	}
	if _, err := resultOf(err, func() (newer.RelationshipLinkResourceFormat, error) {
		return relationshipLinkFuture.Result(relationshipLinks)
	}); err != nil {
		t.Fatalf("relationship link: %v", err)
	}

	deleted, err := hubs.Delete(ctx, resourceGroup, hub)
	if err == nil {
		err = deleted.WaitForCompletionRef(ctx, hubs.Client)
	}
	if err != nil {
		t.Fatalf("hub delete: %v", err)
	}
	_, err = links.Get(ctx, resourceGroup, hub, "WebToContact")
	checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
	_, err = hubs.Get(ctx, resourceGroup, hub)
	checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
}

func TestHubWalk20170101(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitLimit*6)
	defer cancel()
	hub := "goWalkOlder"
	hubs := older.NewHubsClientWithBaseURI(emulatorURL, subscriptionID)
	hubs.Authorizer = authorizer()
	if _, err := hubs.CreateOrUpdate(ctx, resourceGroup, hub, older.Hub{Location: ptr("westus")}); err != nil {
		t.Fatalf("hub: %v", err)
	}

	profiles := older.NewProfilesClientWithBaseURI(emulatorURL, subscriptionID)
	profiles.Authorizer = authorizer()
	profileFuture, err := profiles.CreateOrUpdate(ctx, resourceGroup, hub, "Contact", older.ProfileResourceFormat{ProfileTypeDefinition: &older.ProfileTypeDefinition{
		Fields: &[]older.PropertyDefinition{{FieldName: ptr("ContactId"), FieldType: ptr("Edm.String")}},
	}})
	if err == nil {
		err = profileFuture.WaitForCompletionRef(ctx, profiles.Client)
	}
	profile, err := resultOf(err, func() (older.ProfileResourceFormat, error) { return profileFuture.Result(profiles) })
	if err != nil {
		t.Fatalf("profile type: %v", err)
	}
	if profile.EntityType != older.EntityTypesProfile || str((*profile.StrongIds)[0].StrongIDName) != "ProfileId" {
		t.Errorf("profile type: %+v", profile.ProfileTypeDefinition)
	}

	interactions := older.NewInteractionsClientWithBaseURI(emulatorURL, subscriptionID)
	interactions.Authorizer = authorizer()
	interactionFuture, err := interactions.CreateOrUpdate(ctx, resourceGroup, hub, "WebVisit", older.InteractionResourceFormat{InteractionTypeDefinition: &older.InteractionTypeDefinition{
		ParticipantProfiles: &[]older.Participant{{ProfileTypeName: ptr("Contact"), ParticipantName: ptr("Visitor"),
			ParticipantPropertyReferences: &[]older.ParticipantPropertyReference{{InteractionPropertyName: ptr("VisitorId"), ProfilePropertyName: ptr("ContactId")}}}},
	}})
	if err == nil {
		err = interactionFuture.WaitForCompletionRef(ctx, interactions.Client)
	}
	interaction, err := resultOf(err, func() (older.InteractionResourceFormat, error) { return interactionFuture.Result(interactions) })
	if err != nil {
		t.Fatalf("interaction type: %v", err)
	}
	if reference := (*(*interaction.ParticipantProfiles)[0].ParticipantPropertyReferences)[0]; str(reference.InteractionPropertyName) != "VisitorId" {
		t.Errorf("interaction type in the older names: %+v", reference)
	}

	relationships := older.NewRelationshipsClientWithBaseURI(emulatorURL, subscriptionID)
	relationships.Authorizer = authorizer()
	relationshipFuture, err := relationships.CreateOrUpdate(ctx, resourceGroup, hub, "Referrer", older.RelationshipResourceFormat{RelationshipDefinition: &older.RelationshipDefinition{
		ProfileType: ptr("Contact"), RelatedProfileType: ptr("Contact"),
	}})
	if err == nil {
		err = relationshipFuture.WaitForCompletionRef(ctx, relationships.Client)
	}
	if _, err := resultOf(err, func() (older.RelationshipResourceFormat, error) { return relationshipFuture.Result(relationships) }); err != nil {
		t.Fatalf("relationship: %v", err)
	}

	links := older.NewLinksClientWithBaseURI(emulatorURL, subscriptionID)
	links.Authorizer = authorizer()
	linkFuture, err := links.CreateOrUpdate(ctx, resourceGroup, hub, "WebToContact", linkResource20170101(webToContact))
	if err == nil {
		err = linkFuture.WaitForCompletionRef(ctx, links.Client)
	}
	link, err := resultOf(err, func() (older.LinkResourceFormat, error) { return linkFuture.Result(links) })
	if err != nil {
		t.Fatalf("link: %v", err)
	}
	if str(link.SourceInteractionType) != "WebVisit" || !strings.EqualFold(str(link.TenantID), hub) {
		t.Errorf("link in the older names: %+v", link.LinkDefinition)
	}

	deleted, err := hubs.Delete(ctx, resourceGroup, hub)
	if err == nil {
		err = deleted.WaitForCompletionRef(ctx, hubs.Client)
	}
	if err != nil {
		t.Fatalf("hub delete: %v", err)
	}
	_, err = links.Get(ctx, resourceGroup, hub, "WebToContact")
	checkARMError(t, err, http.StatusNotFound, "ResourceNotFound")
}

// resultOf reads a future's result once waiting for it succeeded.
func resultOf[T any](waited error, result func() (T, error)) (T, error) {
	if waited != nil {
		var none T
		return none, waited
	}
	return result()
}
