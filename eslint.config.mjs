import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      // Built by `npm run build` (lib/cli/build-sw.ts), not written by hand.
      'public/sw.js',
    ],
  },
  {
    rules: {
      // `import type` keeps server-only modules out of client bundles.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration is read and validated in one place.
    files: ['app/**', 'components/**', 'lib/**', 'db/**'],
    ignores: ['lib/env.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts (env()).' },
      ],
    },
  },
  {
    // Components and pages render, they do not query: data comes as props or from a lib loader
    // (lib/<domain>/queries.ts). Route handlers (app/**/route.ts) may still pass getDb() into lib.
    files: ['components/**', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db', '@/db/*', 'drizzle-orm', 'drizzle-orm/*'],
              message:
                'Components and pages do not query: call a loader from lib/<domain>/queries.ts (types: re-export them from lib).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright fixtures receive a `use` callback that is not React's hook.
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
