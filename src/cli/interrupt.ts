// Paths to remove if Ctrl-C arrives while the project is being written (the staging dir, a new target).
export const cleanupOnInterrupt = new Set<string>();
