import { resolve } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { SKIP_API_VERSION_CHECK_ENV, SKIP_API_VERSION_CHECK_FLAG } from './arm/api-version.js'
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID, GUID_PATTERN } from './arm/cloud.js'
import type { EmulatorOptions } from './server.js'
import { LOG_LEVELS, type LogLevel } from './logging.js'
import { APP_DEFAULTS, PROFILES, REFERENCE_MODES, type Profile, type ReferenceMode } from './settings.js'

export interface Config {
  host: string
  httpPort: number
  https: boolean
  httpsPort: number
  tlsHostnames: string[]
  tlsCertFile: string | undefined
  tlsKeyFile: string | undefined
  requireAuth: boolean
  seedFile: string | undefined
  journalSize: number
  requestTimeoutMs: number
  dataDir: string
  inMemory: boolean
  logLevel: LogLevel
  profile: Profile
  references: ReferenceMode
  provisioningDelayMs: number
  pageSize: number
  apiVersionCheck: boolean
  subscriptionId: string
  tenantId: string
}

export const DEFAULT_DATA_DIR = 'emulator-data'
const MAX_PAGE_SIZE = 1000

function integer (min: number, max: number) {
  return (value: string): number => {
    const number = Number(value)
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    }
    return number
  }
}

/** `1`, `true`, `yes`, `on` (or the bare flag) turn a switch on; `0`, `false`, `no`, `off` leave it off. */
function enabled (value: string): boolean {
  const normalized = value.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on', ''].includes(normalized)) return true
  if (['0', 'false', 'no', 'off'].includes(normalized)) return false
  throw new InvalidArgumentError('Expected 1/0, true/false, yes/no or on/off.')
}

/** Subscription and tenant ids are GUIDs; the emulator shows them lower-cased, as ARM does. */
function guid (value: string): string {
  const trimmed = value.trim()
  if (!GUID_PATTERN.test(trimmed)) {
    throw new InvalidArgumentError('Expected a GUID: 8-4-4-4-12 hexadecimal digits.')
  }
  return trimmed.toLowerCase()
}

function list (value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean)
}

function switchOption (flags: string, description: string, env: string): Option {
  return new Option(`${flags} [enabled]`, description).env(env).argParser(enabled).default(false).preset('true')
}

/** The command line; every option can also be set by its environment variable (flags win). */
export function createCommand (): Command {
  return new Command('customer-insights-emulator')
    .description('Local emulator of the Azure Resource Manager resource provider Microsoft.CustomerInsights.')
    .addOption(new Option('--host <address>', 'address to bind').env('EMULATOR_HOST').default('127.0.0.1'))
    .addOption(new Option('--http-port <port>', 'HTTP port; 0 picks a free one').env('EMULATOR_HTTP_PORT')
      .argParser(integer(0, 65535)).default(8080))
    .addOption(switchOption('--https', 'serve HTTPS beside HTTP (0 turns it off)', 'EMULATOR_HTTPS').default(true))
    .addOption(new Option('--https-port <port>', 'HTTPS port; 0 picks a free one').env('EMULATOR_HTTPS_PORT')
      .argParser(integer(0, 65535)).default(8443))
    .addOption(new Option('--tls-hostnames <names>', 'comma-separated extra host names for the generated certificate')
      .env('EMULATOR_TLS_HOSTNAMES').argParser(list).default([]))
    .addOption(new Option('--tls-cert-file <path>', 'your own PEM certificate (with --tls-key-file) instead of a generated one')
      .env('EMULATOR_TLS_CERT_FILE'))
    .addOption(new Option('--tls-key-file <path>', 'the PEM private key of --tls-cert-file').env('EMULATOR_TLS_KEY_FILE'))
    .addOption(switchOption('--require-auth', 'answer 401 to ARM requests without an Authorization header', 'EMULATOR_REQUIRE_AUTH'))
    .addOption(new Option('--seed-file <path>', 'JSON file of resources created at start, already provisioned')
      .env('EMULATOR_SEED_FILE'))
    .addOption(new Option('--journal-size <count>', 'how many recent requests GET /_emulator/requests keeps')
      .env('EMULATOR_JOURNAL_SIZE').argParser(integer(0, 100_000)).default(APP_DEFAULTS.journalSize))
    .addOption(new Option('--request-timeout-ms <ms>', 'time a client has to send a whole request before a 408')
      .env('EMULATOR_REQUEST_TIMEOUT_MS').argParser(integer(100, 24 * 60 * 60 * 1000)).default(APP_DEFAULTS.requestTimeoutMs))
    .addOption(new Option('--data-dir <path>', 'where the SQLite database and TLS files live').env('EMULATOR_DATA_DIR')
      .default(DEFAULT_DATA_DIR))
    .addOption(switchOption('--in-memory', 'keep nothing on disk (SQLite :memory:)', 'EMULATOR_IN_MEMORY'))
    .addOption(new Option('--log-level <level>', 'pino log level').env('LOG_LEVEL').choices(LOG_LEVELS)
      .default(APP_DEFAULTS.logLevel))
    .addOption(new Option('--profile <name>',
      'status codes: default (201 on create, 204 on deleting nothing), swagger (the codes each operation declares) or service (202 and Location polling, as the real service answered)')
      .env('EMULATOR_PROFILE').choices(PROFILES).default(APP_DEFAULTS.profile))
    .addOption(new Option('--references <mode>',
      'implicit (any parent and any named type will do) or strict (parents and the types a resource names must exist)')
      .env('EMULATOR_REFERENCES').choices(REFERENCE_MODES).default(APP_DEFAULTS.references))
    .addOption(new Option('--provisioning-delay-ms <ms>', 'how long provisioning takes after each PUT')
      .env('EMULATOR_PROVISIONING_DELAY_MS').argParser(integer(0, 24 * 60 * 60 * 1000)).default(APP_DEFAULTS.provisioningDelayMs))
    .addOption(new Option('--page-size <count>', 'resources per list page before a nextLink')
      .env('EMULATOR_PAGE_SIZE').argParser(integer(1, MAX_PAGE_SIZE)).default(APP_DEFAULTS.pageSize))
    .addOption(switchOption(SKIP_API_VERSION_CHECK_FLAG, 'accept any api-version, or none', SKIP_API_VERSION_CHECK_ENV))
    .addOption(new Option('--subscription-id <guid>', 'the subscription every login finds, beside those that hold resources')
      .env('EMULATOR_SUBSCRIPTION_ID').argParser(guid).default(DEFAULT_SUBSCRIPTION_ID))
    .addOption(new Option('--tenant-id <guid>', 'the tenant of every token and subscription').env('EMULATOR_TENANT_ID')
      .argParser(guid).default(DEFAULT_TENANT_ID))
    .helpOption('-h, --help', 'show this help')
    .showHelpAfterError()
}

/** Reads the configuration from the command line and the environment; exits with usage on a bad value. */
export function parseConfig (argv: readonly string[]): Config {
  const options = createCommand().parse(argv, { from: 'user' }).opts<Omit<Config, 'apiVersionCheck'> & { skipApiVersionCheck: boolean }>()
  return {
    host: options.host,
    httpPort: options.httpPort,
    https: options.https,
    httpsPort: options.httpsPort,
    tlsHostnames: options.tlsHostnames,
    tlsCertFile: options.tlsCertFile,
    tlsKeyFile: options.tlsKeyFile,
    requireAuth: options.requireAuth,
    seedFile: options.seedFile === undefined ? undefined : resolve(options.seedFile),
    journalSize: options.journalSize,
    requestTimeoutMs: options.requestTimeoutMs,
    dataDir: resolve(options.dataDir),
    inMemory: options.inMemory,
    logLevel: options.logLevel,
    profile: options.profile,
    references: options.references,
    provisioningDelayMs: options.provisioningDelayMs,
    pageSize: options.pageSize,
    apiVersionCheck: !options.skipApiVersionCheck,
    subscriptionId: options.subscriptionId,
    tenantId: options.tenantId
  }
}

export function emulatorOptionsOf (config: Config): EmulatorOptions {
  return {
    host: config.host,
    httpPort: config.httpPort,
    https: config.https
      ? {
          port: config.httpsPort,
          hostnames: config.tlsHostnames,
          certFile: config.tlsCertFile,
          keyFile: config.tlsKeyFile
        }
      : false,
    storage: config.inMemory ? { inMemory: true } : { inMemory: false, dataDir: config.dataDir },
    logLevel: config.logLevel,
    profile: config.profile,
    references: config.references,
    provisioningDelayMs: config.provisioningDelayMs,
    pageSize: config.pageSize,
    apiVersionCheck: config.apiVersionCheck,
    subscriptionId: config.subscriptionId,
    tenantId: config.tenantId,
    requireAuth: config.requireAuth,
    seedFile: config.seedFile,
    journalSize: config.journalSize,
    requestTimeoutMs: config.requestTimeoutMs
  }
}
