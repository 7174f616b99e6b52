package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest paths never leave the root: not by "..", not as absolute paths, not through symbolic links. */
class SandboxTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Sandbox sandbox;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createDirectory(root.resolve("dir"));
        Files.writeString(root.resolve("dir/file.txt"), "inside");
        sandbox = new Sandbox(root);
    }

    private int errno(String guestPath) {
        return assertThrows(SyscallError.class, () -> sandbox.resolve(guestPath)).errno;
    }

    @Test
    void normalisesLikeAChroot() {
        assertEquals("/", sandbox.normalise("/../../.."));
        assertEquals("/dir/file.txt", sandbox.normalise("dir/./x/../file.txt"));
        assertEquals("/secret.txt", sandbox.normalise("../secret.txt"));
        sandbox.setCwd("/dir");
        assertEquals("/dir/file.txt", sandbox.normalise("file.txt"));
        assertEquals("/file.txt", sandbox.normalise("../../file.txt"));
    }

    @Test
    void pathsResolveInsideTheRoot() throws Exception {
        assertEquals(root.toRealPath().resolve("dir/file.txt"), sandbox.resolve("/dir/file.txt"));
        assertEquals(root.toRealPath().resolve("dir/file.txt"), sandbox.resolve("dir/../dir/file.txt"));
        assertEquals(root.toRealPath().resolve("secret.txt"), sandbox.resolve("../secret.txt"));
        assertEquals(root.toRealPath().resolve("new.txt"), sandbox.resolve("new.txt"), "may not exist yet");
        assertEquals(root.toRealPath(), sandbox.resolve("/.."));
        Path hostAbsolute = sandbox.resolve(outside.toString());
        assertEquals(root.toRealPath().resolve(outside.toString().substring(1)), hostAbsolute,
                "a host path given to the guest is just a path inside the root");
    }

    @Test
    void symlinksOutOfTheRootAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("dirlink"), tmp);
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nothing-here"));
        assertEquals(Errno.EACCES, errno("/link"));
        assertEquals(Errno.EACCES, errno("dirlink/secret.txt"));
        assertEquals(Errno.EACCES, errno("dirlink/new-file"));
        assertEquals(Errno.ENOENT, errno("dangling"));
        assertEquals(Errno.ENOENT, errno(""));
    }

    @Test
    void symlinksWithinTheRootWork() throws Exception {
        Files.createSymbolicLink(root.resolve("inner"), root.resolve("dir"));
        assertEquals(root.toRealPath().resolve("inner/file.txt"), sandbox.resolve("/inner/file.txt"));
    }
}
