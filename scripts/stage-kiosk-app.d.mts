export function runtimeExternals(root: string): string[];
export function dependencyClosure(root: string, names: string[]): string[];
export function stageKioskApp(
  root: string,
  outDir: string,
): {
  dependencies: string[];
  modules: string[];
  bytes: { total: number; bundle: number; renderer: number; nodeModules: number };
};
