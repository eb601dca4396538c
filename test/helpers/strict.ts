import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type DatabaseLocation } from '../../db/database.js'
import { resourceGroupKey } from '../../db/keys.js'
import { OperationStore } from '../../db/operation-store.js'
import { ResourceStore } from '../../db/resource-store.js'
import { RESOURCE_GROUP_TYPE, resourceGroupId } from '../../src/arm/ids.js'
import { RESOURCE_GROUP, START, SUBSCRIPTION } from './app.js'

/**
 * A data directory whose database already holds a resource group, as `strict` references need before a hub can be
 * created: the resource groups' own routes are not what these tests are about. The directory goes when the test ends.
 */
export function storageWithResourceGroup (
  t: { teardown: (fn: () => unknown) => void }, subscriptionId = SUBSCRIPTION, resourceGroupName = RESOURCE_GROUP
): DatabaseLocation {
  const dataDir = mkdtempSync(join(tmpdir(), 'ci-emulator-strict-'))
  t.teardown(() => { rmSync(dataDir, { recursive: true, force: true }) })
  const db = openDatabase({ inMemory: false, dataDir })
  const store = new ResourceStore(db, new OperationStore(db))
  db.transaction(() => store.put({
    key: resourceGroupKey(subscriptionId, resourceGroupName),
    type: RESOURCE_GROUP_TYPE,
    tracked: true,
    subscriptionId,
    apiVersion: '2017-04-26',
    guid: '00000000-0000-4000-8000-00000000ffff',
    now: START,
    operation: () => null,
    render: () => JSON.stringify({
      id: resourceGroupId(subscriptionId, resourceGroupName),
      name: resourceGroupName,
      type: RESOURCE_GROUP_TYPE,
      location: 'westus',
      tags: {},
      properties: { provisioningState: 'Succeeded' }
    })
  }))()
  db.close()
  return { inMemory: false, dataDir }
}
