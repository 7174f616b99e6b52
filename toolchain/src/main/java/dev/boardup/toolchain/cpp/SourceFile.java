package dev.boardup.toolchain.cpp;

import java.nio.file.Path;

/** One file the preprocessor reads: its text, where it came from, and who included it. */
final class SourceFile {
    final String name;
    final Path path;
    final String text;
    final SourceFile includer;
    boolean system;
    int searchIndex = -1;  // which include directory it was found in, for #include_next

    SourceFile(String name, Path path, String text, SourceFile includer, boolean system) {
        this.name = name;
        this.path = path;
        this.text = text;
        this.includer = includer;
        this.system = system;
    }

    int depth() {
        int depth = 0;
        for (SourceFile f = includer; f != null; f = f.includer) depth++;
        return depth;
    }
}
