/** The Electron binary's path, or undefined when it is not installed (never downloads it). */
export function electronBinary(root?: string): string | undefined;
