package dev.boardup.toolchain.driver;

import dev.boardup.toolchain.as.AsmError;
import dev.boardup.toolchain.as.Assembler;
import dev.boardup.toolchain.cc.CompileError;
import dev.boardup.toolchain.cc.CompileOptions;
import dev.boardup.toolchain.cc.Compiler;
import dev.boardup.toolchain.cpp.PreprocessError;
import dev.boardup.toolchain.cpp.Preprocessor;
import dev.boardup.toolchain.ld.LinkError;
import dev.boardup.toolchain.ld.Linker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code boardup cc}: a gcc-style driver running our preprocessor, compiler, assembler and linker in-process.
 * Inputs are taken by extension (.c, .i, .s, .S, .o, .a); {@code -E}, {@code -S} and {@code -c} stop early;
 * otherwise everything is linked, by default with the guest libc's crt1.o and libc.a, found in
 * {@code ${boardup.home}/guest-libc/target} or the {@code --sysroot=DIR} given (whose include/ is the system
 * header directory). {@code -lNAME} finds libNAME.a in -L directories then the libc's; -lm, -lpthread and the
 * like are taken to be inside libc.a when no such file exists. {@code -M}/{@code -MM}/{@code -MD}/{@code -MMD}
 * write make dependencies as gcc does. Exit status: 0, 1 after diagnostics, 70 for an internal error.
 */
public final class CcDriver {
    static final int EXIT_ERROR = 1;
    static final int EXIT_INTERNAL = 70;
    private static final String NAME = "boardup cc";
    private static final String VERSION = "boardup cc 0.1.0 (boardup toolchain: cpp, cc, as, ld; x86_64-linux static)";
    /** Libraries a libc like musl folds into libc.a: -lm and friends are satisfied by it. */
    private static final Set<String> IN_LIBC = Set.of("c", "m", "pthread", "rt", "dl", "util", "crypt");

    /** Thrown inside the driver to stop successfully early (after --version). */
    private static final class Stop extends Exception {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** Thrown inside the driver to stop with a message already printed. */
    private static final class Failed extends Exception {
        Failed() {
            super(null, null, false, false);
        }
    }

    /** An input in command-line order: a file with its language, or a -l library. */
    private record Input(String name, String language, boolean library) {}

    private final PrintWriter out;
    private final PrintWriter err;

    private final List<Input> inputs = new ArrayList<>();
    private final List<Path> includeDirs = new ArrayList<>();
    private final List<Path> systemIncludeDirs = new ArrayList<>();
    private final List<Path> libraryDirs = new ArrayList<>();
    private final List<Path> preIncludes = new ArrayList<>();
    private final List<String[]> macros = new ArrayList<>();
    private String output;
    private char stopAfter;        // 'E', 'S', 'c' or 0 for link
    private boolean debug;
    private boolean noStdlib, noStartFiles, noDefaultLibs, noStdinc, verbose, noLineMarkers;
    private String entry = "_start";

    /** -M/-MM print make dependencies instead of preprocessing; -MD/-MMD write them beside the compilation. */
    private enum Deps { NONE, INSTEAD_ALL, INSTEAD_USER, ALSO_ALL, ALSO_USER }

    private Deps dependencies = Deps.NONE;
    private String depFile;
    private final List<String> depTargets = new ArrayList<>();
    private boolean phonyHeaders;
    private Path sysroot;
    private String stdcVersion = "201112L";

    private CcDriver(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the driver; returns the exit status (0, 1 for diagnosed errors, 70 for an internal error). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return new CcDriver(out, err).drive(args);
        } catch (Failed f) {
            return EXIT_ERROR;
        } catch (Stop s) {
            return 0;
        } catch (Throwable t) {
            err.println(NAME + ": internal error: " + t);
            return EXIT_INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int drive(String[] args) throws Failed, Stop, IOException {
        parse(args);
        if (verbose) err.println(VERSION);
        if (inputs.stream().noneMatch(i -> !i.library)) {
            if (verbose && inputs.isEmpty()) return 0;
            throw fail("fatal error: no input files");
        }
        boolean missing = false;
        for (Input in : inputs) {
            if (!in.library && !Files.exists(Path.of(in.name))) {
                fail("error: " + in.name + ": No such file or directory");
                missing = true;
            }
        }
        if (missing) throw new Failed();
        long sources = inputs.stream().filter(i -> !i.library && !i.language.equals("object")).count();
        if (output != null && stopAfter != 0 && sources > 1 && stopAfter != 'E') {
            throw fail("fatal error: cannot specify '-o' with '-c', '-S' or '-E' with multiple files");
        }
        return switch (stopAfter) {
            case 'E' -> preprocessOnly();
            case 'S', 'c' -> compileOnly();
            default -> compileAndLink();
        };
    }

    // ---- options ------------------------------------------------------------------------------------------

    /** Options that take a value, joined ({@code -Idir}) or as the next argument ({@code -I dir}). */
    private static final List<String> VALUE_OPTIONS =
            List.of("-isystem", "-iquote", "-include", "-MF", "-MT", "-MQ", "-o", "-I", "-D", "-U", "-L", "-l", "-x", "-e");

    private void parse(String[] args) throws Failed, Stop {
        String language = null;   // set by -x for the files that follow it
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-")) throw fail("error: reading from standard input is not supported");
            if (!a.startsWith("-")) {
                inputs.add(new Input(a, language != null ? language : languageOf(a), false));
                continue;
            }
            if (flag(a)) continue;
            String option = VALUE_OPTIONS.stream().filter(a::startsWith).findFirst().orElse(null);
            if (option != null) {
                String value = a.substring(option.length());
                if (value.isEmpty()) {
                    if (i + 1 >= args.length) throw fail("error: missing argument to '" + a + "'");
                    value = args[++i];
                }
                if (option.equals("-x")) language = language(value);
                else valueOption(option, value);
            } else if (a.startsWith("--sysroot=")) {
                sysroot = Path.of(a.substring("--sysroot=".length()));
            } else if (a.matches("-std=(c|gnu)(89|90|99|9x|11|1x|17|18|2x|23)")) {
                stdcVersion = stdcVersion(a.replaceFirst("^-std=(c|gnu)", ""));
            } else if (a.matches("-g(gdb|dwarf(-[2-5])?)?[0-3]?")) {
                debug = !a.endsWith("0");
            } else if (!acceptedAndIgnored(a)) {
                throw fail("error: unrecognized command-line option '" + a + "'");
            }
        }
    }

    /** The options without a value; false if a is not one of them. */
    private boolean flag(String a) throws Stop {
        switch (a) {
            case "-c" -> stopAfter = stopAfter == 'E' || stopAfter == 'S' ? stopAfter : 'c';
            case "-S" -> stopAfter = stopAfter == 'E' ? 'E' : 'S';
            case "-E" -> stopAfter = 'E';
            case "-P" -> noLineMarkers = true;
            case "-M", "-MM" -> {
                stopAfter = 'E';
                dependencies = a.equals("-M") ? Deps.INSTEAD_ALL : Deps.INSTEAD_USER;
            }
            case "-MD" -> dependencies = Deps.ALSO_ALL;
            case "-MMD" -> dependencies = Deps.ALSO_USER;
            case "-MP" -> phonyHeaders = true;
            case "-v" -> verbose = true;
            case "-nostdlib" -> noStdlib = true;
            case "-nostartfiles" -> noStartFiles = true;
            case "-nodefaultlibs" -> noDefaultLibs = true;
            case "-nostdinc" -> noStdinc = true;
            case "-static", "-w", "-pedantic", "-pedantic-errors", "-ansi", "-pipe", "-m64", "-no-pie" -> { }
            case "--version" -> {
                out.println(VERSION);
                throw new Stop();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void valueOption(String option, String value) {
        switch (option) {
            case "-o" -> output = value;
            case "-I", "-iquote" -> includeDirs.add(Path.of(value));
            case "-isystem" -> systemIncludeDirs.add(Path.of(value));
            case "-include" -> preIncludes.add(Path.of(value));
            case "-D" -> macros.add(new String[] {"D", value});
            case "-U" -> macros.add(new String[] {"U", value});
            case "-L" -> libraryDirs.add(Path.of(value));
            case "-l" -> inputs.add(new Input(value, "library", true));
            case "-e" -> entry = value;
            case "-MF" -> depFile = value;
            case "-MT", "-MQ" -> depTargets.add(value);
            default -> throw new IllegalArgumentException(option);
        }
    }

    /** The language -x names, for the files after it (null: by their extension again). */
    private String language(String name) throws Failed {
        return switch (name) {
            case "c" -> "c";
            case "assembler" -> "asm";
            case "assembler-with-cpp" -> "asm-cpp";
            case "cpp-output" -> "i";
            case "none" -> null;
            default -> throw fail("error: language " + name + " not recognized");
        };
    }

    /** __STDC_VERSION__ for a -std= year (the part after "c" or "gnu"), as gcc sets it. */
    private static String stdcVersion(String year) {
        return switch (year) {
            case "89", "90" -> null;
            case "99", "9x" -> "199901L";
            case "17", "18" -> "201710L";
            case "2x", "23" -> "202000L";
            default -> "201112L";
        };
    }

    /** Optimisation, warning and code-generation flags: accepted, with no effect on our pipeline. */
    private static boolean acceptedAndIgnored(String a) {
        if (a.startsWith("-Wl,") || a.startsWith("-Wa,") || a.startsWith("-Wp,")) return false;
        return a.matches("-O[0-3sgz]?|-Ofast|-W.*|-f.*|-m(tune=.*|arch=x86-64.*)");
    }

    private static String languageOf(String name) {
        if (name.endsWith(".c")) return "c";
        if (name.endsWith(".i")) return "i";
        if (name.endsWith(".s")) return "asm";
        if (name.endsWith(".S") || name.endsWith(".sx")) return "asm-cpp";
        if (name.endsWith(".h")) return "header";
        return "object";
    }

    private static String describe(IOException e) {
        return e.getMessage() != null && !e.getMessage().isEmpty() ? e.getMessage() : e.getClass().getSimpleName();
    }

    private Failed fail(String message) {
        err.println(NAME + ": " + message);
        return new Failed();
    }

    // ---- stages -------------------------------------------------------------------------------------------

    private int preprocessOnly() throws Failed, IOException {
        StringBuilder all = new StringBuilder();
        boolean rulesOnly = dependencies == Deps.INSTEAD_ALL || dependencies == Deps.INSTEAD_USER;
        for (Input in : inputs) {
            if (in.library || in.language.equals("object")) continue;
            String text = preprocess(in);
            all.append(rulesOnly ? lastDependencyRule : text);
        }
        writeText(rulesOnly && depFile != null ? depFile : output, all.toString());
        return 0;
    }

    private int compileOnly() throws Failed, IOException {
        for (Input in : inputs) {
            if (in.library || in.language.equals("object") || in.language.equals("header")) continue;
            if (stopAfter == 'S') {
                if (!in.language.equals("c") && !in.language.equals("i")) continue;
                writeText(output != null ? output : derivedName(in, ".s").toString(), compile(in));
            } else {
                write(outputFor(in, ".o"), toObject(in), false);
            }
        }
        return 0;
    }

    private Path outputFor(Input in, String extension) {
        return output != null ? Path.of(output) : derivedName(in, extension);
    }

    /** The input's base name with a new extension, as gcc names -c and -S outputs. */
    private static Path derivedName(Input in, String extension) {
        String base = Path.of(in.name).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return Path.of((dot > 0 ? base.substring(0, dot) : base) + extension);
    }

    private int compileAndLink() throws Failed, IOException {
        Path libc = guestLibc();
        boolean startFiles = !noStdlib && !noStartFiles;
        boolean defaultLibs = !noStdlib && !noDefaultLibs;
        if ((startFiles || defaultLibs) && libc == null) {
            throw fail("error: guest libc not built (looked for crt1.o and libc.a in " + guestLibcDir()
                    + "); build it, or link with -nostdlib");
        }
        String outName = output != null ? output : "a.out";
        Linker linker = new Linker().entry(entry).outputName(outName);
        try {
            if (startFiles) addFile(linker, libc.resolve("crt1.o"));
            for (Input in : inputs) {
                if (in.library) {
                    addFile(linker, findLibrary(in.name, libc));
                } else if (in.language.equals("object")) {
                    addFile(linker, Path.of(in.name));
                } else if (!in.language.equals("header")) {
                    linker.addObject(derivedName(in, ".o").toString(), toObject(in));
                }
            }
            if (defaultLibs) addFile(linker, libc.resolve("libc.a"));
            byte[] executable = linker.link();
            write(Path.of(outName), executable, true);
        } catch (LinkError e) {
            for (String m : e.messages()) err.println("boardup ld: " + m);
            throw fail("error: ld returned 1 exit status");
        }
        return 0;
    }

    private void addFile(Linker linker, Path file) throws LinkError, Failed, IOException {
        if (file == null) return;
        if (verbose) err.println(" ld " + file);
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fail("error: " + file + ": No such file or directory");
        } catch (IOException e) {
            throw fail("error: " + file + ": cannot read: " + describe(e));
        }
        linker.addFile(file.toString(), data);
    }

    /** -lNAME: libNAME.a in the -L directories, then the guest libc's; the libc's own parts are in libc.a. */
    private Path findLibrary(String name, Path libc) throws LinkError {
        List<Path> dirs = new ArrayList<>(libraryDirs);
        if (libc != null && !noStdlib) dirs.add(libc);
        for (Path d : dirs) {
            Path p = d.resolve("lib" + name + ".a");
            if (Files.isRegularFile(p)) return p;
        }
        if (IN_LIBC.contains(name) && libc != null) return null;
        throw new LinkError("cannot find -l" + name + ": No such file or directory");
    }

    /** Where the guest libc lives: --sysroot, else ${boardup.home}/guest-libc/target. */
    private Path guestLibcDir() {
        if (sysroot != null) return sysroot;
        return Path.of(System.getProperty("boardup.home", "."), "guest-libc", "target");
    }

    /** The guest libc's directory if both crt1.o and libc.a are there. */
    private Path guestLibc() {
        Path dir = guestLibcDir();
        return Files.isRegularFile(dir.resolve("crt1.o")) && Files.isRegularFile(dir.resolve("libc.a")) ? dir : null;
    }

    // ---- one translation unit -----------------------------------------------------------------------------

    private String read(Input in) throws Failed, IOException {
        try {
            return Files.readString(Path.of(in.name), StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            return new String(Files.readAllBytes(Path.of(in.name)), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw fail("error: " + in.name + ": No such file or directory");
        } catch (IOException e) {
            throw fail("error: " + in.name + ": cannot read: " + describe(e));
        }
    }

    private String preprocess(Input in) throws Failed, IOException {
        Preprocessor pp = new Preprocessor().warnings(err::println).lineMarkers(!noLineMarkers).stdcVersion(stdcVersion);
        includeDirs.forEach(pp::includePath);
        systemIncludeDirs.forEach(pp::systemIncludePath);
        if (!noStdinc) pp.systemIncludePath(guestLibcDir().resolve("include"));
        preIncludes.forEach(pp::preInclude);
        if (in.language.equals("asm-cpp")) pp.assembler(true).define("__ASSEMBLER__");
        for (String[] m : macros) {
            if (m[0].equals("D")) pp.define(m[1]);
            else pp.undefine(m[1]);
        }
        String text;
        try {
            text = pp.preprocess(read(in), in.name);
        } catch (PreprocessError e) {
            err.println(e.getMessage());
            throw new Failed();
        }
        if (dependencies != Deps.NONE) {
            boolean system = dependencies == Deps.INSTEAD_ALL || dependencies == Deps.ALSO_ALL;
            lastDependencyRule = dependencyRule(in, pp.headersRead(system));
            if (dependencies == Deps.ALSO_ALL || dependencies == Deps.ALSO_USER) {
                String file = depFile != null ? depFile : stripExtension(output != null && stopAfter == 'c' ? output
                        : derivedName(in, ".o").toString()) + ".d";
                write(Path.of(file), lastDependencyRule.getBytes(StandardCharsets.UTF_8), false);
            }
        }
        return text;
    }

    private String lastDependencyRule = "";

    /** A make rule: the object depends on its source and every header read; -MP adds an empty rule per header. */
    private String dependencyRule(Input in, List<String> headers) {
        String target = !depTargets.isEmpty() ? String.join(" ", depTargets)
                : output != null && stopAfter == 'c' ? output : derivedName(in, ".o").toString();
        StringBuilder rule = new StringBuilder(target).append(':');
        List<String> deps = new ArrayList<>();
        deps.add(in.name);
        deps.addAll(headers);
        int column = rule.length();
        for (String d : deps) {
            String dep = d.replace(" ", "\\ ");
            if (column + dep.length() > 72) {   // gcc's wrapping, so the files read the same
                rule.append(" \\\n");
                column = 0;
            }
            rule.append(' ');
            column++;
            rule.append(dep);
            column += dep.length();
        }
        rule.append('\n');
        if (phonyHeaders) for (String h : headers) rule.append(h.replace(" ", "\\ ")).append(":\n");
        return rule.toString();
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }

    private String compile(Input in) throws Failed, IOException {
        String source = in.language.equals("i") ? read(in) : preprocess(in);
        try {
            return Compiler.compile(source, in.name, new CompileOptions(debug));
        } catch (CompileError e) {
            err.println(e);
            throw new Failed();
        }
    }

    private byte[] toObject(Input in) throws Failed, IOException {
        String asm;
        String asmName = in.name;
        switch (in.language) {
            case "c", "i" -> {
                asm = compile(in);
                asmName = derivedName(in, ".s").toString();
            }
            case "asm" -> asm = read(in);
            case "asm-cpp" -> asm = preprocess(in);
            default -> throw fail("error: " + in.name + ": cannot compile a file of this kind");
        }
        try {
            return Assembler.assemble(asm, asmName);
        } catch (AsmError e) {
            err.println(asmName + ": Assembler messages:");
            err.println(e.getMessage());
            throw new Failed();
        }
    }

    /** Text output: to standard output when the name is null (for -E) or "-", as gcc does. */
    private void writeText(String name, String text) throws Failed {
        if (name == null || name.equals("-")) {
            out.print(text);
        } else {
            write(Path.of(name), text.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    private void write(Path path, byte[] bytes, boolean executable) throws Failed {
        if (path.toString().equals("-")) throw fail("error: cannot write binary output to standard output");
        try {
            Files.write(path, bytes);
            if (executable) Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (NoSuchFileException e) {
            throw fail("error: cannot write " + path + ": No such file or directory");
        } catch (IOException e) {
            throw fail("error: cannot write " + path + ": " + describe(e));
        }
    }
}
