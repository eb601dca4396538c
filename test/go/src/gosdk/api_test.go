package gosdk

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// The two packages have their own types for the same resources; the cases are written once, against what both can
// express, and each package's file (sdk_2017_01_01_test.go, sdk_2017_04_26_test.go) maps it to its own types and
// calls the SDK as a user would.

// propertyPair names a property of the interaction type and the profile property it stands for.
type propertyPair struct{ interaction, profile string }

// linkMapping maps a property of the source interaction type to one of the target profile type.
type linkMapping struct {
	interaction, profile, linkType string
	// isProfileTypeId exists in 2017-01-01 only.
	isProfileTypeID *bool
}

// linkDefinition is a link from an interaction type to a profile type: the links both api-versions can write.
type linkDefinition struct {
	interactionType, profileType string
	participants                 []propertyPair
	mappings                     []linkMapping
	displayName                  map[string]string
	referenceOnly                *bool
}

// serverFields are what the emulator adds to every link and relationship link.
type serverFields struct {
	id, name, resourceType, tenantID, linkName, provisioningState string
}

type link struct {
	serverFields
	// What 2017-04-26 calls sourceEntityType and targetEntityType; in 2017-01-01 the names of the older fields,
	// sourceInteractionType and targetProfileType, say it.
	sourceEntityType, targetEntityType string
	linkDefinition
}

type fieldMapping struct{ interactionField, relationshipField, linkType string }

type relationshipLinkDefinition struct {
	interactionType, relationshipName           string
	profileProperties, relatedProfileProperties []propertyPair
	mappings                                    []fieldMapping
	displayName                                 map[string]string
}

type relationshipLink struct {
	serverFields
	relationshipGUIDID *string
	relationshipLinkDefinition
}

// started is a long-running operation the SDK has begun: the response to its first request, and the wait for its
// end (the future's WaitForCompletionRef with the client's own settings, then its Result).
type started struct {
	response *http.Response
	// The first response's body, read without taking it from the future, which has already parsed it.
	body []byte
	wait func(ctx context.Context) error
}

type startedLink struct {
	started
	result func() (link, error)
}

type startedRelationshipLink struct {
	started
	result func() (relationshipLink, error)
}

// sdk is one package of the SDK, with clients pointed at the emulator.
type sdk interface {
	apiVersion() string
	// Whether this version's Link has mappings[].isProfileTypeId.
	hasIsProfileTypeID() bool

	beginLink(ctx context.Context, hub, name string, definition linkDefinition) (startedLink, error)
	getLink(ctx context.Context, hub, name string) (link, error)
	// The names on each page, as ListByHub and the page's NextWithContext give them.
	linkPages(ctx context.Context, hub string) ([][]string, error)
	// Every link, through ListByHubComplete's iterator.
	allLinks(ctx context.Context, hub string) ([]link, error)
	// LinksClient.Delete: Links_Delete is not a long-running operation in either swagger.
	deleteLink(ctx context.Context, hub, name string) (*http.Response, error)
	// A link's DELETE followed as a long-running operation: the client's DeletePreparer and DeleteSender, then
	// azure.NewFutureFromResponse. What a user can do to wait for the deletion, and to accept a 204.
	beginDeleteLink(ctx context.Context, hub, name string) (started, error)

	beginRelationshipLink(ctx context.Context, hub, name string, definition relationshipLinkDefinition) (startedRelationshipLink, error)
	getRelationshipLink(ctx context.Context, hub, name string) (relationshipLink, error)
	relationshipLinkPages(ctx context.Context, hub string) ([][]string, error)
	allRelationshipLinks(ctx context.Context, hub string) ([]relationshipLink, error)
	// RelationshipLinksClient.Delete, a long-running operation.
	beginDeleteRelationshipLink(ctx context.Context, hub, name string) (started, error)
}

func allSDKs() []sdk {
	return []sdk{newSDK20170101(), newSDK20170426()}
}

// firstResponse reads the body of a long-running operation's first response and puts it back.
func firstResponse(response *http.Response) (started, error) {
	if response == nil || response.Body == nil {
		return started{response: response}, nil
	}
	body, err := io.ReadAll(response.Body)
	response.Body = io.NopCloser(bytes.NewReader(body))
	return started{response: response, body: body}, err
}

func str(value *string) string {
	if value == nil {
		return ""
	}
	return *value
}

func ptr[T any](value T) *T { return &value }

func localizedOf(strings map[string]*string) map[string]string {
	if len(strings) == 0 {
		return nil
	}
	plain := make(map[string]string, len(strings))
	for locale, text := range strings {
		plain[locale] = str(text)
	}
	return plain
}

func localized(strings map[string]string) map[string]*string {
	if strings == nil {
		return nil
	}
	pointers := make(map[string]*string, len(strings))
	for locale, text := range strings {
		pointers[locale] = ptr(text)
	}
	return pointers
}
