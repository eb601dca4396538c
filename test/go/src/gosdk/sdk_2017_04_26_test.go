package gosdk

import (
	"context"
	"net/http"

	customerinsights "github.com/Azure/azure-sdk-for-go/services/customerinsights/mgmt/2017-04-26/customerinsights"
	"github.com/Azure/go-autorest/autorest/azure"
)

type sdk20170426 struct {
	links             customerinsights.LinksClient
	relationshipLinks customerinsights.RelationshipLinksClient
}

// newSDK20170426 points the package's clients at the emulator: its origin as the base URI, any bearer token.
// Everything else is the SDK's default, polling delay included.
func newSDK20170426() sdk {
	links := customerinsights.NewLinksClientWithBaseURI(emulatorURL, subscriptionID)
	links.Authorizer = authorizer()
	relationshipLinks := customerinsights.NewRelationshipLinksClientWithBaseURI(emulatorURL, subscriptionID)
	relationshipLinks.Authorizer = authorizer()
	return sdk20170426{links: links, relationshipLinks: relationshipLinks}
}

func (sdk20170426) apiVersion() string       { return "2017-04-26" }
func (sdk20170426) hasIsProfileTypeID() bool { return false }

func (s sdk20170426) beginLink(ctx context.Context, hub, name string, definition linkDefinition) (startedLink, error) {
	future, err := s.links.CreateOrUpdate(ctx, resourceGroup, hub, name, linkResource20170426(definition))
	if err != nil {
		return startedLink{}, err
	}
	first, err := firstResponse(future.Response())
	first.wait = func(ctx context.Context) error { return future.WaitForCompletionRef(ctx, s.links.Client) }
	return startedLink{started: first, result: func() (link, error) {
		resource, err := future.Result(s.links)
		return link20170426(resource), err
	}}, err
}

func (s sdk20170426) getLink(ctx context.Context, hub, name string) (link, error) {
	resource, err := s.links.Get(ctx, resourceGroup, hub, name)
	return link20170426(resource), err
}

func (s sdk20170426) linkPages(ctx context.Context, hub string) ([][]string, error) {
	var pages [][]string
	page, err := s.links.ListByHub(ctx, resourceGroup, hub)
	for ; err == nil && page.NotDone(); err = page.NextWithContext(ctx) {
		var names []string
		for _, resource := range page.Values() {
			names = append(names, str(resource.LinkName))
		}
		pages = append(pages, names)
	}
	return pages, err
}

func (s sdk20170426) allLinks(ctx context.Context, hub string) ([]link, error) {
	var all []link
	iterator, err := s.links.ListByHubComplete(ctx, resourceGroup, hub)
	for ; err == nil && iterator.NotDone(); err = iterator.NextWithContext(ctx) {
		all = append(all, link20170426(iterator.Value()))
	}
	return all, err
}

func (s sdk20170426) deleteLink(ctx context.Context, hub, name string) (*http.Response, error) {
	response, err := s.links.Delete(ctx, resourceGroup, hub, name)
	return response.Response, err
}

func (s sdk20170426) beginDeleteLink(ctx context.Context, hub, name string) (started, error) {
	request, err := s.links.DeletePreparer(ctx, resourceGroup, hub, name)
	if err != nil {
		return started{}, err
	}
	response, err := s.links.DeleteSender(request)
	if err != nil {
		return started{}, err
	}
	first, err := firstResponse(response)
	if err != nil {
		return first, err
	}
	future, err := azure.NewFutureFromResponse(response)
	first.wait = func(ctx context.Context) error { return future.WaitForCompletionRef(ctx, s.links.Client) }
	return first, err
}

func (s sdk20170426) beginRelationshipLink(ctx context.Context, hub, name string, definition relationshipLinkDefinition) (startedRelationshipLink, error) {
	future, err := s.relationshipLinks.CreateOrUpdate(ctx, resourceGroup, hub, name, relationshipLinkResource20170426(definition))
	if err != nil {
		return startedRelationshipLink{}, err
	}
	first, err := firstResponse(future.Response())
	first.wait = func(ctx context.Context) error { return future.WaitForCompletionRef(ctx, s.relationshipLinks.Client) }
	return startedRelationshipLink{started: first, result: func() (relationshipLink, error) {
		resource, err := future.Result(s.relationshipLinks)
		return relationshipLink20170426(resource), err
	}}, err
}

func (s sdk20170426) getRelationshipLink(ctx context.Context, hub, name string) (relationshipLink, error) {
	resource, err := s.relationshipLinks.Get(ctx, resourceGroup, hub, name)
	return relationshipLink20170426(resource), err
}

func (s sdk20170426) relationshipLinkPages(ctx context.Context, hub string) ([][]string, error) {
	var pages [][]string
	page, err := s.relationshipLinks.ListByHub(ctx, resourceGroup, hub)
	for ; err == nil && page.NotDone(); err = page.NextWithContext(ctx) {
		var names []string
		for _, resource := range page.Values() {
			names = append(names, str(resource.LinkName))
		}
		pages = append(pages, names)
	}
	return pages, err
}

func (s sdk20170426) allRelationshipLinks(ctx context.Context, hub string) ([]relationshipLink, error) {
	var all []relationshipLink
	iterator, err := s.relationshipLinks.ListByHubComplete(ctx, resourceGroup, hub)
	for ; err == nil && iterator.NotDone(); err = iterator.NextWithContext(ctx) {
		all = append(all, relationshipLink20170426(iterator.Value()))
	}
	return all, err
}

func (s sdk20170426) beginDeleteRelationshipLink(ctx context.Context, hub, name string) (started, error) {
	future, err := s.relationshipLinks.Delete(ctx, resourceGroup, hub, name)
	if err != nil {
		return started{}, err
	}
	first, err := firstResponse(future.Response())
	first.wait = func(ctx context.Context) error {
		if err := future.WaitForCompletionRef(ctx, s.relationshipLinks.Client); err != nil {
			return err
		}
		_, err := future.Result(s.relationshipLinks)
		return err
	}
	return first, err
}

// 2017-04-26 writes a link's ends as an entity type and a type name.
func linkResource20170426(definition linkDefinition) customerinsights.LinkResourceFormat {
	participants := make([]customerinsights.ParticipantPropertyReference, 0, len(definition.participants))
	for _, pair := range definition.participants {
		participants = append(participants, customerinsights.ParticipantPropertyReference{
			SourcePropertyName: ptr(pair.interaction), TargetPropertyName: ptr(pair.profile)})
	}
	properties := &customerinsights.LinkDefinition{
		SourceEntityType:              customerinsights.EntityTypeInteraction,
		TargetEntityType:              customerinsights.EntityTypeProfile,
		SourceEntityTypeName:          ptr(definition.interactionType),
		TargetEntityTypeName:          ptr(definition.profileType),
		ParticipantPropertyReferences: &participants,
		DisplayName:                   localized(definition.displayName),
		ReferenceOnly:                 definition.referenceOnly,
	}
	if definition.mappings != nil {
		mappings := make([]customerinsights.TypePropertiesMapping, 0, len(definition.mappings))
		for _, mapping := range definition.mappings {
			mappings = append(mappings, customerinsights.TypePropertiesMapping{
				SourcePropertyName: ptr(mapping.interaction), TargetPropertyName: ptr(mapping.profile),
				LinkType: customerinsights.LinkTypes(mapping.linkType)})
		}
		properties.Mappings = &mappings
	}
	return customerinsights.LinkResourceFormat{LinkDefinition: properties}
}

func link20170426(resource customerinsights.LinkResourceFormat) link {
	read := link{serverFields: serverFields{id: str(resource.ID), name: str(resource.Name), resourceType: str(resource.Type)}}
	properties := resource.LinkDefinition
	if properties == nil {
		return read
	}
	read.tenantID, read.linkName, read.provisioningState = str(properties.TenantID), str(properties.LinkName), string(properties.ProvisioningState)
	read.sourceEntityType, read.targetEntityType = string(properties.SourceEntityType), string(properties.TargetEntityType)
	read.interactionType, read.profileType = str(properties.SourceEntityTypeName), str(properties.TargetEntityTypeName)
	if properties.ParticipantPropertyReferences != nil {
		read.participants = []propertyPair{}
		for _, reference := range *properties.ParticipantPropertyReferences {
			read.participants = append(read.participants, propertyPair{str(reference.SourcePropertyName), str(reference.TargetPropertyName)})
		}
	}
	if properties.Mappings != nil {
		read.mappings = []linkMapping{}
		for _, mapping := range *properties.Mappings {
			read.mappings = append(read.mappings, linkMapping{
				interaction: str(mapping.SourcePropertyName), profile: str(mapping.TargetPropertyName), linkType: string(mapping.LinkType)})
		}
	}
	read.displayName = localizedOf(properties.DisplayName)
	read.referenceOnly = properties.ReferenceOnly
	return read
}

func relationshipLinkResource20170426(definition relationshipLinkDefinition) customerinsights.RelationshipLinkResourceFormat {
	references := func(pairs []propertyPair) *[]customerinsights.ParticipantProfilePropertyReference {
		written := make([]customerinsights.ParticipantProfilePropertyReference, 0, len(pairs))
		for _, pair := range pairs {
			written = append(written, customerinsights.ParticipantProfilePropertyReference{
				InteractionPropertyName: ptr(pair.interaction), ProfilePropertyName: ptr(pair.profile)})
		}
		return &written
	}
	properties := &customerinsights.RelationshipLinkDefinition{
		InteractionType:                  ptr(definition.interactionType),
		RelationshipName:                 ptr(definition.relationshipName),
		ProfilePropertyReferences:        references(definition.profileProperties),
		RelatedProfilePropertyReferences: references(definition.relatedProfileProperties),
		DisplayName:                      localized(definition.displayName),
	}
	if definition.mappings != nil {
		mappings := make([]customerinsights.RelationshipLinkFieldMapping, 0, len(definition.mappings))
		for _, mapping := range definition.mappings {
			mappings = append(mappings, customerinsights.RelationshipLinkFieldMapping{
				InteractionFieldName: ptr(mapping.interactionField), RelationshipFieldName: ptr(mapping.relationshipField),
				LinkType: customerinsights.LinkTypes(mapping.linkType)})
		}
		properties.Mappings = &mappings
	}
	return customerinsights.RelationshipLinkResourceFormat{RelationshipLinkDefinition: properties}
}

func relationshipLink20170426(resource customerinsights.RelationshipLinkResourceFormat) relationshipLink {
	read := relationshipLink{serverFields: serverFields{id: str(resource.ID), name: str(resource.Name), resourceType: str(resource.Type)}}
	properties := resource.RelationshipLinkDefinition
	if properties == nil {
		return read
	}
	read.tenantID, read.linkName, read.provisioningState = str(properties.TenantID), str(properties.LinkName), string(properties.ProvisioningState)
	read.relationshipGUIDID = properties.RelationshipGUIDID
	read.interactionType, read.relationshipName = str(properties.InteractionType), str(properties.RelationshipName)
	references := func(read *[]customerinsights.ParticipantProfilePropertyReference) []propertyPair {
		if read == nil {
			return nil
		}
		pairs := []propertyPair{}
		for _, reference := range *read {
			pairs = append(pairs, propertyPair{str(reference.InteractionPropertyName), str(reference.ProfilePropertyName)})
		}
		return pairs
	}
	read.profileProperties = references(properties.ProfilePropertyReferences)
	read.relatedProfileProperties = references(properties.RelatedProfilePropertyReferences)
	if properties.Mappings != nil {
		read.mappings = []fieldMapping{}
		for _, mapping := range *properties.Mappings {
			read.mappings = append(read.mappings, fieldMapping{str(mapping.InteractionFieldName), str(mapping.RelationshipFieldName), string(mapping.LinkType)})
		}
	}
	read.displayName = localizedOf(properties.DisplayName)
	return read
}
