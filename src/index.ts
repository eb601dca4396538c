/**
 * Start the emulator inside a Node test run:
 *
 *   const emulator = await startEmulator()            // free ports, storage in memory
 *   // emulator.httpsUrl, emulator.caCertificate, await emulator.reset(), await emulator.close()
 */
export { startEmulator, IN_PROCESS_DEFAULTS, type EmulatorOptions, type HttpsOptions, type RunningEmulator } from './server.js'
export type { AppOptions } from './app.js'
export type { Profile, ReferenceMode } from './settings.js'
export type { ProvisioningSettings } from './schemas/emulator.js'
export type { LogLevel } from './logging.js'
