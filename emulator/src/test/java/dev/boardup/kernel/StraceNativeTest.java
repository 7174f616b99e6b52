package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --strace against strace(1) itself, with randomisation off (setarch -R) so brk and mmap addresses agree. What
 * legitimately differs is masked: stack addresses (the host's vDSO and environment shift the stack), the pid,
 * the random bytes, resource limits (the host's ulimits are its own), rseq (which this kernel does not offer) and
 * mmap-area addresses (they depend on the size of the host kernel's vDSO, which varies between versions).
 */
class StraceNativeTest {
    @TempDir
    Path dir;

    @Test
    void freestandingProgramTracesLikeStrace() throws Exception {
        compareWithStrace(Guest.compile("files.c", dir));
    }

    @Test
    void glibcProgramTracesLikeStrace() throws Exception {
        compareWithStrace(Guest.compileWithLibc("hello_libc.c", dir, false));
    }

    /** A static PIE: loaded at the top of the mmap area with its break at ELF_ET_DYN_BASE, as Linux 6 does. */
    @Test
    void glibcStaticPieTracesLikeStrace() throws Exception {
        compareWithStrace(Guest.compileWithLibc("hello_libc.c", dir, true));
    }

    private void compareWithStrace(Path exe) throws Exception {
        Path nativeRoot = Files.createDirectory(dir.resolve("native"));
        Path guestRoot = Files.createDirectory(dir.resolve("guest"));
        Path log = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(List.of(Guest.ENV));
        cmd.addAll(List.of("setarch", "-R", "strace", "-o", log.toString(), exe.toString(), "arg"));
        Guest.Result nat = Guest.exec(cmd, nativeRoot, null);
        assumeTrue(Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).startsWith("execve("),
                "strace cannot trace here (ptrace or personality not permitted?): " + nat.stderr());
        Guest.Result ours = Guest.runMachine(Machine.builder().program(exe).root(guestRoot).args(List.of("arg"))
                .strace(true).aslr(false));
        assertEquals(nat.stdout(), ours.stdout());
        assertEquals(mask(Files.readString(log, StandardCharsets.ISO_8859_1)), mask(ours.stderr()));
    }

    static String mask(String trace) {
        return trace.lines()
                .filter(l -> !l.startsWith("rseq("))
                .map(l -> l.replaceAll("0x7fff[0-9a-f]{8}", "<stack>")
                        .replaceAll("0x7ffff7[0-9a-f]{6}", "<mmap>")
                        .replaceAll("/\\* \\d+ vars \\*/", "/* vars */")
                        .replaceAll("^(set_tid_address\\(.*\\) += )\\d+", "$1<pid>")
                        .replaceAll("^getrandom\\(\"[^\"]*\"", "getrandom(<bytes>")
                        .replaceAll("\\{rlim_cur=[^}]*\\}", "{<limits>}"))
                .collect(Collectors.joining("\n"));
    }
}
