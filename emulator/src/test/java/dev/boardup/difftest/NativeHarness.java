package dev.boardup.difftest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs instructions on this machine's real CPU: compiles difftest/harness.c with gcc once, then feeds it a
 * batch of cases through a file and reads back the state each one left (see harness.c for the record layouts).
 */
final class NativeHarness {
    static final int CODE_FIELD = 1 + Layout.MAX_CODE;
    static final int X87_SIZE = 8 + 8 * 16;
    static final int INPUT_SIZE = CODE_FIELD + 16 * 8 + 8 + 32 * 8 + 8 + 16 + X87_SIZE + Layout.MEM_SIZE;
    static final int OUTPUT_SIZE = 16 * 8 + 8 + 8 + 32 * 8 + 4 + 4 + 8 + 8 + 4 + 4 + X87_SIZE + Layout.MEM_SIZE;

    private final Path workDir;
    private final Path executable;

    private NativeHarness(Path workDir, Path executable) {
        this.workDir = workDir;
        this.executable = executable;
    }

    static NativeHarness build(Path workDir) throws IOException, InterruptedException {
        Path source = workDir.resolve("harness.c");
        try (InputStream in = NativeHarness.class.getResourceAsStream("/difftest/harness.c")) {
            if (in == null) {
                throw new IllegalStateException("difftest/harness.c is not on the test class path");
            }
            Files.write(source, in.readAllBytes());
        }
        Path exe = workDir.resolve("harness");
        // No stack protector: the fault handler starts with the guest's FS, where the canary would be read.
        GnuAs.run(workDir, "gcc", "-O2", "-Wall", "-fno-stack-protector", "-o", exe.toString(), source.toString());
        return new NativeHarness(workDir, exe);
    }

    /** Executes each instruction on its input state; returns the state each left behind, in order. */
    List<MachineState> run(List<byte[]> instructions, List<MachineState> inputs) throws IOException, InterruptedException {
        Path in = Files.createTempFile(workDir, "cases", ".in");
        Path out = Files.createTempFile(workDir, "cases", ".out");
        try {
            writeInputs(in, instructions, inputs);
            Process p = new ProcessBuilder(executable.toString()).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("native harness failed (exit " + p.exitValue() + "): " + err);
            }
            List<MachineState> results = readOutputs(out);
            if (results.size() != inputs.size()) {
                throw new IllegalStateException("native harness returned " + results.size() + " of "
                        + inputs.size() + " results: " + err);
            }
            return results;
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    private static void writeInputs(Path file, List<byte[]> instructions, List<MachineState> inputs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(INPUT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < inputs.size(); i++) {
                byte[] insn = instructions.get(i);
                MachineState s = inputs.get(i);
                b.clear();
                b.put((byte) insn.length).put(insn).position(CODE_FIELD);
                for (long g : s.gpr) {
                    b.putLong(g);
                }
                b.putLong(s.rflags);
                for (long x : s.xmm) {
                    b.putLong(x);
                }
                b.putInt(s.mxcsr).putInt(0).putLong(s.fsBase).putLong(s.gsBase);
                putX87(b, s);
                b.put(s.mem);
                os.write(b.array());
            }
        }
    }

    /** FXSAVE's view: FSW carries TOP, ST(i) in stack order, abridged tag bit n set when Rn is in use. */
    private static void putX87(ByteBuffer b, MachineState s) {
        b.putShort((short) s.fpuControl).putShort((short) (s.fpuStatus | s.fpuTop << 11))
         .put((byte) ~s.fpuEmpty).put(new byte[3]);
        for (int i = 0; i < 8; i++) {
            int r = (s.fpuTop + i) & 7;
            b.putLong(s.fpuMantissa[r]).putShort((short) s.fpuSignExponent[r]).put(new byte[6]);
        }
    }

    private static void getX87(ByteBuffer b, MachineState s) {
        s.fpuControl = b.getShort() & 0xFFFF;
        int fsw = b.getShort() & 0xFFFF;
        s.fpuTop = (fsw >> 11) & 7;
        s.fpuStatus = fsw & ~0x3800;
        s.fpuEmpty = ~b.get() & 0xFF;
        b.position(b.position() + 3);
        for (int i = 0; i < 8; i++) {
            int r = (s.fpuTop + i) & 7;
            s.fpuMantissa[r] = b.getLong();
            s.fpuSignExponent[r] = b.getShort() & 0xFFFF;
            b.position(b.position() + 6);
        }
    }

    private static List<MachineState> readOutputs(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<MachineState> results = new ArrayList<>();
        while (b.remaining() >= OUTPUT_SIZE) {
            MachineState s = new MachineState();
            for (int i = 0; i < 16; i++) {
                s.gpr[i] = b.getLong();
            }
            s.rip = b.getLong();
            s.rflags = b.getLong();
            for (int i = 0; i < 32; i++) {
                s.xmm[i] = b.getLong();
            }
            s.mxcsr = b.getInt();
            s.vector = b.getInt();
            long errorCode = b.getLong();
            s.cr2 = b.getLong();
            s.faultWasWrite = (errorCode & 2) != 0;
            s.outsideWrite = b.getInt() != 0;
            b.getInt();
            getX87(b, s);
            b.get(s.mem);
            results.add(s);
        }
        return results;
    }
}
