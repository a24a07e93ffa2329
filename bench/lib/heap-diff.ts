/**
 * What grew between two V8 heap snapshots (.heapsnapshot files, as v8.writeHeapSnapshot writes
 * them): self size and count per constructor / node name, largest growth first. Used by
 * bench/memory.ts with BENCH_HEAP_DIFF=1 to say what a connected socket costs in the gateway.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  name: string;
  count: number;
  bytes: number;
}

function groups(file: string): Map<string, HeapGroup> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map<string, HeapGroup>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]];
    const raw = snap.strings[snap.nodes[i + iName]];
    // Strings and code are grouped by type; objects by constructor name.
    const name = type === 'object' || type === 'native' ? `${raw} (${type})` : `(${type})`;
    const g = out.get(name) ?? { name, count: 0, bytes: 0 };
    g.count++;
    g.bytes += snap.nodes[i + iSize];
    out.set(name, g);
  }
  return out;
}

/** Growth from `before` to `after`, largest first. */
export function heapDiff(before: string, after: string, top = 20): HeapGroup[] {
  const a = groups(before);
  const b = groups(after);
  return [...b.values()]
    .map((g) => ({
      name: g.name,
      count: g.count - (a.get(g.name)?.count ?? 0),
      bytes: g.bytes - (a.get(g.name)?.bytes ?? 0),
    }))
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top);
}
