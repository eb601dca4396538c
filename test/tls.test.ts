import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { certificateNames, generatedTlsMaterial } from '../src/tls.js'

const NOW = Date.parse('2026-06-01T00:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000

function dir (): string {
  return join(mkdtempSync(join(tmpdir(), 'ci-emulator-certs-')), 'tls')
}

t.test('a new CA and a server certificate for localhost, 127.0.0.1, ::1, this host and the configured names', async (t) => {
  const tlsDir = dir()
  const names = certificateNames(['emulator', ' ci.local ', ''])
  t.strictSame(names, ['localhost', '127.0.0.1', '::1', hostname(), 'emulator', 'ci.local'])
  const material = await generatedTlsMaterial(tlsDir, names, NOW)

  const ca = new X509Certificate(material.ca)
  const server = new X509Certificate(material.cert)
  t.ok(ca.ca, 'the CA is a CA')
  t.notOk(server.ca)
  t.ok(server.checkIssued(ca) && server.verify(ca.publicKey), 'the server certificate is signed by the CA')
  t.equal(server.subjectAltName, `DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:${hostname()}, DNS:emulator, DNS:ci.local`)
  t.ok(Date.parse(server.validFrom) < NOW && Date.parse(server.validTo) > NOW + 365 * DAY)
  t.ok(Date.parse(ca.validTo) > NOW + 9 * 365 * DAY)
  t.match(server.keyUsage, ['1.3.6.1.5.5.7.3.1'])
  t.equal(material.caFile, join(tlsDir, 'ca.pem'))
  t.equal(readFileSync(join(tlsDir, 'ca.pem'), 'utf8'), material.ca)
  t.equal(readFileSync(join(tlsDir, 'server-key.pem'), 'utf8'), material.key)
})

t.test('what is on disk and still good is reused; a new host name gets a new server certificate from the same CA', async (t) => {
  const tlsDir = dir()
  const first = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW)
  const again = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW + DAY)
  t.strictSame(again, first)

  const widened = await generatedTlsMaterial(tlsDir, certificateNames(['compose-service']), NOW + DAY)
  t.equal(widened.ca, first.ca, 'the CA, and so every client\'s trust, is kept')
  t.not(widened.cert, first.cert)
  t.match(new X509Certificate(widened.cert).subjectAltName, /DNS:compose-service/)
})

t.test('certificates about to expire are replaced at start', async (t) => {
  const tlsDir = dir()
  const first = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW)
  const nearServerExpiry = Date.parse(new X509Certificate(first.cert).validTo) - DAY
  const renewed = await generatedTlsMaterial(tlsDir, certificateNames([]), nearServerExpiry)
  t.equal(renewed.ca, first.ca)
  t.not(renewed.cert, first.cert)

  const afterCaExpiry = Date.parse(new X509Certificate(first.ca).validTo) + DAY
  const replaced = await generatedTlsMaterial(tlsDir, certificateNames([]), afterCaExpiry)
  t.not(replaced.ca, first.ca)
  t.ok(new X509Certificate(replaced.cert).verify(new X509Certificate(replaced.ca).publicKey))
})

t.test('missing or damaged files are made anew', async (t) => {
  const tlsDir = dir()
  const first = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW)
  writeFileSync(join(tlsDir, 'server.pem'), 'not a certificate')
  const repaired = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW)
  t.equal(repaired.ca, first.ca)
  t.not(repaired.cert, first.cert)

  const other = await generatedTlsMaterial(undefined, certificateNames([]), NOW)
  writeFileSync(join(tlsDir, 'ca-key.pem'), other.key)
  const rekeyed = await generatedTlsMaterial(tlsDir, certificateNames([]), NOW)
  t.not(rekeyed.ca, first.ca, 'a CA whose key does not match it is replaced')
  t.not(rekeyed.cert, repaired.cert, 'and so is the server certificate it signed')
})
