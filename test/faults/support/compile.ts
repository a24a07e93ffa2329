import { transformFileSync } from '@swc/core';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const SOURCES = [
  'apps/gateway/src',
  'libs/moderation/src',
  'libs/guidelines/src',
  'libs/contract/src',
  'migrations',
  'test/faults/support',
];

/**
 * Compiles the gateway's sources (and these helpers) to plain CommonJS once, with the options
 * jest uses, so that a child process that is started hundreds of times loads JavaScript instead
 * of compiling TypeScript on every start. Returns where each compiled script is, and the
 * environment a child needs to run one.
 */
export function compileForChildren(outDir: string): { script(rel: string): string; env: Record<string, string> } {
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (child.endsWith('.json')) {
        // Data the sources import (the guidelines model's weights) goes along as it is.
        fs.mkdirSync(path.join(outDir, rel), { recursive: true });
        fs.copyFileSync(path.join(root, child), path.join(outDir, child));
      } else if (child.endsWith('.ts') && !/\.(spec|e2e-spec|fault-spec)\.ts$/.test(child)) {
        const { code } = transformFileSync(path.join(root, child), {
          swcrc: false,
          configFile: false,
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
            baseUrl: root,
            paths: {
              '@p2p/moderation': ['libs/moderation/src'],
              '@p2p/moderation/*': ['libs/moderation/src/*'],
              '@p2p/guidelines': ['libs/guidelines/src'],
              '@p2p/guidelines/*': ['libs/guidelines/src/*'],
              '@p2p/contract': ['libs/contract/src'],
              '@p2p/contract/*': ['libs/contract/src/*'],
            },
          },
          module: { type: 'commonjs' },
        });
        const dest = path.join(outDir, child.replace(/\.ts$/, '.js'));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, code);
      }
    }
  };
  SOURCES.forEach(walk);
  return {
    script: (rel) => path.join(outDir, rel.replace(/\.ts$/, '.js')),
    // The compiled files live outside the repository: packages are found through NODE_PATH.
    env: { NODE_PATH: path.join(root, 'node_modules') },
  };
}
