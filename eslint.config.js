import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tap/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      'no-console': 'error',
      // Fastify hooks and handlers are async by contract, whether or not they await anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }]
    }
  },
  {
    files: ['test/**/*.ts'],
    // tap queues `t.test(...)` subtests and awaits them itself; awaiting each would serialise nothing further.
    rules: { '@typescript-eslint/no-floating-promises': 'off' }
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] }
)
