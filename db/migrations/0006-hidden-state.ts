// What the service keeps of a resource beside the body it shows, and never shows in it (a prediction's model status),
// as JSON; null for every resource that has none. A PUT leaves it as it is; deleting the resource deletes it.
export const sql = `
ALTER TABLE resources ADD COLUMN hidden TEXT;
`
