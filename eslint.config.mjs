// Lint: typescript-eslint with the type-aware rules that catch real bugs here (floating promises,
// misused promises), no explicit `any`, deep provider imports only, and the layering of the
// project as import boundaries:
//   library = index.ts, lib/, modules/, stacks/   app = main.ts, environments/, scripts/
//   - the library never imports the app;
//   - constructs (modules/) never import environments or stacks;
//   - the foundation (lib/config, lib/aws, lib/net, lib/cdktf, lib/cli) never imports constructs or stacks.
// Formatting is Prettier's (`npm run format`), checked by `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const deepProviderImports = {
  name: '@cdktf/provider-aws',
  message: 'Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the package index makes synth 4x slower.',
};
const app = ['**/environments', '**/environments/**', '**/scripts/**', '**/main', '**/main.ts'];
const restrict = (groups, extra = []) => ['error', { paths: [deepProviderImports, ...extra], patterns: groups }];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      'cdktf.out.*/**',
      '.gen/**',
      'coverage/**',
      'bench-out/**',
      'examples/**/node_modules/**',
      'examples/**/dist/**',
      'scripts/run-ts.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': restrict([]),
    },
  },
  {
    files: ['index.ts', 'lib/**/*.ts', 'modules/**/*.ts', 'stacks/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ group: app, message: 'The library never imports the app (main.ts, environments/, scripts/).' }]),
    },
  },
  {
    files: ['modules/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: app, message: 'The library never imports the app (main.ts, environments/, scripts/).' },
        { group: ['**/stacks', '**/stacks/**'], message: 'Constructs know nothing of stacks: pass what they need as props.' },
      ]),
    },
  },
  {
    files: ['lib/config/**/*.ts', 'lib/aws/**/*.ts', 'lib/net/**/*.ts', 'lib/cdktf/**/*.ts', 'lib/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: app, message: 'The library never imports the app (main.ts, environments/, scripts/).' },
        {
          group: ['**/modules', '**/modules/**', '**/stacks', '**/stacks/**'],
          message: 'The foundation (config, aws, net, cdktf, cli) does not depend on constructs or stacks.',
        },
      ]),
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
  },
);
