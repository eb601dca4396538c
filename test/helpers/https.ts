import { request } from 'node:https'

export interface HttpsResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTPS request that trusts exactly the given CA. */
export async function httpsRequest (url: string, ca: string, options: { method?: string, body?: unknown } = {}): Promise<HttpsResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  return await new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: options.method ?? 'GET',
      ca,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' }
    }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { body += chunk })
      response.on('end', () => { resolve({ status: response.statusCode ?? 0, headers: response.headers, body }) })
    })
    outgoing.on('error', reject)
    outgoing.end(payload)
  })
}
