package dev.boardup.programs;

import dev.boardup.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/** Builds a C program with boardup cc in-process, and runs a binary natively or under boardup the same way. */
final class Runner {
    /** The environment boardup gives a guest by default; the native run gets the same. */
    static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "HOME", "/");
    /** A bound on a runaway guest: far above what any of these programs needs. */
    static final long MAX_INSTRUCTIONS = 5_000_000_000L;

    private Runner() {}

    /** boardup cc SOURCE -o BINARY; returns null on success, else the status and the compiler's messages. */
    static String buildWithBoardupCc(Path source, Path binary) {
        ToolProvider cc = ToolProvider.findFirst("boardup-cc").orElseThrow();
        StringWriter messages = new StringWriter();
        PrintWriter pw = new PrintWriter(messages);
        int status = cc.run(pw, pw, source.toString(), "-o", binary.toString());
        pw.flush();
        return status == 0 ? null : "boardup cc " + source + " failed with status " + status + ":\n" + messages;
    }

    /** Runs binary natively in dir, with argv[0] its path as given; scratch holds the captured streams. */
    static Run natively(Path binary, List<String> args, byte[] stdin, Path dir, Path scratch)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(ENVIRONMENT);
        Path in = Files.createTempFile(scratch, "stdin", "");
        Path out = Files.createTempFile(scratch, "stdout", "");
        Path err = Files.createTempFile(scratch, "stderr", "");
        Files.write(in, stdin);
        pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        int status = pb.start().waitFor();
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                status);
    }

    /** Runs binary in an in-process Machine whose root is root, with the same argv[0] a native run has. */
    static Run underBoardup(Path binary, List<String> args, byte[] stdin, Path root) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Machine machine = Machine.builder().program(binary).argv0(binary.toString()).args(args).root(root)
                .memoryBytes(256L << 20).maxInstructions(MAX_INSTRUCTIONS)
                .streams(new ByteArrayInputStream(stdin), out, err).build();
        int status = machine.run();
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }
}
