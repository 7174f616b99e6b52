package dev.boardup.toolchain.ld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Damaged objects and archives give a LinkError, never another exception. */
class LinkerRobustnessTest {
    private static byte[] object;

    @BeforeContainer
    static void buildObject() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ldfuzz");
        Path c = dir.resolve("f.c");
        Files.writeString(c, "int g = 1; static int s; int f(int x) { return x + g + s; }\nvoid _start(void) { f(2); }\n");
        Process p = new ProcessBuilder("gcc", "-O2", "-g", "-fno-pic", "-c", c.toString(), "-o", dir.resolve("f.o").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("gcc failed");
        object = Files.readAllBytes(dir.resolve("f.o"));
        Files.delete(dir.resolve("f.o"));
        Files.delete(c);
        Files.delete(dir);
    }

    /** The object with a few bytes overwritten, or cut short. */
    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, object.length - 1).list().ofMinSize(1).ofMaxSize(8)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] b = object.clone();
                    for (int i = 0; i < positions.size(); i++) b[positions.get(i)] = values.get(i);
                    return b;
                }));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, object.length - 1)
                .map(n -> java.util.Arrays.copyOf(object, n));
        return Arbitraries.oneOf(flipped, truncated);
    }

    @Property(tries = 300)
    void damagedObjectsAreLinkErrors(@ForAll("damaged") byte[] bytes) {
        try {
            new Linker().addFile("f.o", bytes).link();
        } catch (LinkError expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 100)
    void damagedArchivesAreLinkErrors(@ForAll("damaged") byte[] member) {
        byte[] header = String.format("%-16s%-12s%-6s%-6s%-8s%-10d`\n", "f.o/", "0", "0", "0", "644", member.length)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] archive = new byte[8 + header.length + member.length];
        System.arraycopy("!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, archive, 0, 8);
        System.arraycopy(header, 0, archive, 8, header.length);
        System.arraycopy(member, 0, archive, 8 + header.length, member.length);
        try {
            new Linker().addFile("start.o", object).addFile("libf.a", archive).link();
        } catch (LinkError expected) {
            // the only acceptable failure
        }
    }
}
