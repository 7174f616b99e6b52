package dev.boardup.kernel;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What the kernel is told about its surroundings: the standard streams (and whether they are the host's own fds
 * 0-2, which fstat and isatty then describe truthfully), the sandbox root, the program's host path (for
 * /proc/self/exe), tracing switches, the address-space {@link Layout} (randomised or not, and the seed of all guest
 * randomness) and whether sleeping follows the host's wall clock ({@code realtime}) instead of virtual time.
 */
public record KernelConfig(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean hostStreams,
                           Path root, Path program, boolean strace, boolean verbose, Layout layout,
                           boolean realtime) {}
