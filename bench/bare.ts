// A bare Fastify server with one route: the cold-start reference for the emulator's.
import Fastify from 'fastify'

const app = Fastify()
app.get('/_emulator/health', async () => ({ status: 'Healthy' }))
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) })
process.on('SIGTERM', () => { void app.close() })
