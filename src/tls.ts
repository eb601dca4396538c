import { X509Certificate, createPrivateKey, randomBytes, webcrypto } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { isIP } from 'node:net'

/** What the HTTPS server presents, and the CA a client must trust for it. */
export interface TlsMaterial {
  cert: string
  key: string
  /** PEM of the certificate to trust: the generated CA, or the user's own certificate. */
  ca: string
  /** Where the CA is on disk, when it is. */
  caFile: string | undefined
}

export const TLS_DIR_NAME = 'tls'
const CA_FILE = 'ca.pem'
const CA_KEY_FILE = 'ca-key.pem'
const SERVER_FILE = 'server.pem'
const SERVER_KEY_FILE = 'server-key.pem'

const DAY_MS = 24 * 60 * 60 * 1000
/** The CA outlives many server certificates, so a trust set up once keeps working. */
const CA_VALIDITY_MS = 10 * 365 * DAY_MS
/** 397 days: the longest lifetime clients such as Apple's accept for a server certificate. */
const SERVER_VALIDITY_MS = 397 * DAY_MS
/** A certificate this close to expiring is replaced at start rather than left to fail mid-run. */
const RENEW_BEFORE_MS = 7 * DAY_MS
/** Clocks of clients may lag the emulator's; the certificates are valid from a little before they are made. */
const BACKDATE_MS = 60 * 60 * 1000

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1'

type X509 = typeof import('@peculiar/x509')
let x509Module: Promise<X509> | undefined

/**
 * The certificate library, loaded only when a certificate is made: a restart that finds its certificates on disk
 * spares the start-up its weight. It resolves its ASN.1 services through tsyringe, which needs Reflect metadata first.
 */
async function x509Library (): Promise<X509> {
  x509Module ??= import('reflect-metadata').then(async () => {
    // The bundle takes the ES module builds of the library and its ASN.1 packages (`--main-fields=module,main`):
    // a third smaller than the CommonJS ones, so a start that makes certificates loads them 20 ms sooner.
    const x509 = await import('@peculiar/x509')
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])
    return x509
  })
  return await x509Module
}

/** Host names and addresses every generated server certificate covers, plus those configured. */
export function certificateNames (extra: readonly string[]): string[] {
  return [...new Set(['localhost', '127.0.0.1', '::1', hostname(), ...extra].map((name) => name.trim()).filter(Boolean))]
}

/**
 * The emulator's CA and server certificate. With a directory, they are kept there and reused across starts so a
 * client's trust survives restarts; each is made anew when missing, unreadable, about to expire, or (the server
 * certificate) not covering every name asked for. Without a directory, they live in memory for this run only.
 */
export async function generatedTlsMaterial (dir: string | undefined, names: readonly string[], now: number): Promise<TlsMaterial> {
  const stored = dir === undefined ? undefined : readStored(dir)
  const ca = stored?.ca !== undefined && isCurrent(stored.ca.certificate, now) ? stored.ca : await createCa(now)
  const server = stored?.server !== undefined && ca === stored.ca && serves(stored.server.certificate, ca.certificate, names, now)
    ? stored.server
    : await createServerCertificate(ca, names, now)
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true })
    if (ca !== stored?.ca) writePair(dir, CA_FILE, CA_KEY_FILE, ca)
    if (server !== stored?.server) writePair(dir, SERVER_FILE, SERVER_KEY_FILE, server)
  }
  return { cert: server.certificate.toString(), key: server.keyPem, ca: ca.certificate.toString(), caFile: dir === undefined ? undefined : join(dir, CA_FILE) }
}

/** The user's own certificate and key; the certificate is what clients are told to trust. */
export function userTlsMaterial (certFile: string, keyFile: string): TlsMaterial {
  const cert = readFileSync(certFile, 'utf8')
  const key = readFileSync(keyFile, 'utf8')
  // Fail at start, with the file named, rather than on the first handshake.
  new X509Certificate(cert)
  createPrivateKey(key)
  return { cert, key, ca: cert, caFile: certFile }
}

interface CertifiedKey {
  certificate: X509Certificate
  keyPem: string
}

function readStored (dir: string): { ca?: CertifiedKey, server?: CertifiedKey } {
  return { ca: readPair(dir, CA_FILE, CA_KEY_FILE), server: readPair(dir, SERVER_FILE, SERVER_KEY_FILE) }
}

function readPair (dir: string, certFile: string, keyFile: string): CertifiedKey | undefined {
  try {
    const certificate = new X509Certificate(readFileSync(join(dir, certFile)))
    const keyPem = readFileSync(join(dir, keyFile), 'utf8')
    if (!certificate.checkPrivateKey(createPrivateKey(keyPem))) return undefined
    return { certificate, keyPem }
  } catch {
    // Missing or unreadable: made anew.
    return undefined
  }
}

function isCurrent (certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now < Date.parse(certificate.validTo) - RENEW_BEFORE_MS
}

function serves (certificate: X509Certificate, ca: X509Certificate, names: readonly string[], now: number): boolean {
  if (!isCurrent(certificate, now) || !certificate.verify(ca.publicKey)) return false
  return names.every((name) => isIP(name) === 0 ? certificate.checkHost(name) !== undefined : certificate.checkIP(name) !== undefined)
}

function writePair (dir: string, certFile: string, keyFile: string, pair: CertifiedKey): void {
  writeFileSync(join(dir, keyFile), pair.keyPem, { mode: 0o600 })
  writeFileSync(join(dir, certFile), pair.certificate.toString())
}

async function keyPair (): Promise<webcrypto.CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
}

async function privateKeyPem (key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`
}

function serialNumber (): string {
  // Positive and non-zero: the top bit clear, one bit set.
  const bytes = randomBytes(16)
  bytes.writeUInt8((bytes.readUInt8(0) & 0x7f) | 0x01, 0)
  return bytes.toString('hex')
}

async function createCa (now: number): Promise<CertifiedKey> {
  const x509 = await x509Library()
  const keys = await keyPair()
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=Customer Insights Emulator CA ${new Date(now).toISOString().slice(0, 10)}`,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + CA_VALIDITY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  })
  return { certificate: new X509Certificate(certificate.toString('pem')), keyPem: await privateKeyPem(keys.privateKey) }
}

async function createServerCertificate (ca: CertifiedKey, names: readonly string[], now: number): Promise<CertifiedKey> {
  const x509 = await x509Library()
  const keys = await keyPair()
  const caKey = await webcrypto.subtle.importKey('pkcs8', createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' }),
    ALGORITHM, false, ['sign'])
  const caCertificate = new x509.X509Certificate(ca.certificate.raw)
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: 'CN=localhost',
    issuer: caCertificate.subject,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(Math.min(now + SERVER_VALIDITY_MS, Date.parse(ca.certificate.validTo))),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([SERVER_AUTH]),
      new x509.SubjectAlternativeNameExtension(names.map((name) => ({ type: isIP(name) === 0 ? 'dns' : 'ip', value: name }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate)
    ]
  })
  return { certificate: new X509Certificate(certificate.toString('pem')), keyPem: await privateKeyPem(keys.privateKey) }
}
