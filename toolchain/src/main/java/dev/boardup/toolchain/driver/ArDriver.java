package dev.boardup.toolchain.driver;

import dev.boardup.toolchain.ld.ArchiveWriter;
import dev.boardup.toolchain.ld.ArchiveWriter.Member;
import dev.boardup.toolchain.ld.LinkError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code boardup ar}: makes static libraries the linker reads, always deterministic (like GNU {@code ar D}).
 * Operations: {@code r} (insert, replacing members of the same name), {@code q} (append), {@code d} (delete),
 * {@code t} (list), {@code s} alone (rewrite the index); modifiers {@code c} (no "creating" note), {@code s}
 * (write an index, the default), {@code S} (no index), {@code v} (tell what is done), {@code D} (accepted).
 */
public final class ArDriver {
    private static final String NAME = "boardup ar";

    private ArDriver() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs ar; returns the exit status (0, 1 for errors, 70 for an internal error). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return archive(out, err, args);
        } catch (LinkError e) {
            err.println(NAME + ": " + e.getMessage());
            return CcDriver.EXIT_ERROR;
        } catch (IOException e) {
            err.println(NAME + ": " + e.getMessage());
            return CcDriver.EXIT_ERROR;
        } catch (Throwable t) {
            err.println(NAME + ": internal error: " + t);
            return CcDriver.EXIT_INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int archive(PrintWriter out, PrintWriter err, String[] args) throws LinkError, IOException {
        if (args.length < 2) {
            err.println("usage: " + NAME + " {r|q|d|t|s}[csSvD] archive [file...]");
            return CcDriver.EXIT_ERROR;
        }
        String key = args[0].startsWith("-") ? args[0].substring(1) : args[0];
        char op = 0;
        for (char c : key.toCharArray()) {
            if ("rqdt".indexOf(c) >= 0) {
                if (op != 0) throw new LinkError("two different operation options specified");
                op = c;
            } else if ("csSvDU".indexOf(c) < 0) {
                throw new LinkError("invalid option -- '" + c + "'");
            }
        }
        if (op == 0 && key.contains("s")) op = 's';
        if (op == 0) throw new LinkError("no operation specified");
        boolean index = !key.contains("S"), verbose = key.contains("v");
        Path archive = Path.of(args[1]);
        List<String> files = Arrays.asList(args).subList(2, args.length);

        boolean exists = Files.exists(archive);
        List<Member> members = exists ? ArchiveWriter.read(archive.toString(), Files.readAllBytes(archive)) : new ArrayList<>();
        members = new ArrayList<>(members);
        switch (op) {
            case 't' -> {
                if (!exists) throw new LinkError(archive + ": No such file or directory");
                for (Member m : members) out.println(m.name());
                return 0;
            }
            case 'd' -> {
                if (!exists) throw new LinkError(archive + ": No such file or directory");
                for (String f : files) {
                    String name = Path.of(f).getFileName().toString();   // members are named by base name
                    boolean removed = members.removeIf(m -> m.name().equals(name));
                    if (verbose) out.println(removed ? "d - " + name : "No member named '" + name + "'");
                }
            }
            case 'r', 'q' -> {
                if (!exists && !key.contains("c")) err.println(NAME + ": creating " + archive);
                for (String f : files) {
                    Member m = new Member(Path.of(f).getFileName().toString(), read(f));
                    int at = op == 'r' ? indexOf(members, m.name()) : -1;
                    if (at >= 0) {
                        members.set(at, m);
                    } else {
                        members.add(m);
                    }
                    if (verbose) out.println((at >= 0 ? "r - " : "a - ") + f);
                }
            }
            default -> {
                if (!exists) throw new LinkError(archive + ": No such file or directory");
            }
        }
        Files.write(archive, ArchiveWriter.write(members, index));
        return 0;
    }

    private static byte[] read(String file) throws LinkError, IOException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new LinkError(file + ": No such file or directory");
        }
    }

    private static int indexOf(List<Member> members, String name) {
        for (int i = 0; i < members.size(); i++) if (members.get(i).name().equals(name)) return i;
        return -1;
    }
}
