package dev.boardup.kernel;

import dev.boardup.memory.PhysicalMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The frames behind shared memory, indexed by page: one per host file mapped in a machine (Linux's address_space
 * of an inode), or one per anonymous MAP_SHARED mapping (a shmem object). Every mapping of the object maps the
 * same frames, so a write through one is seen by all; a file's dirty pages go back to the host file on msync,
 * munmap and exit. The cache holds one reference on each of its frames, every PTE mapping one holds another.
 */
public final class PageCache {
    private static final long PAGE = PhysicalMemory.PAGE_SIZE;

    /** A host file's identity within one machine's physical memory. */
    private record Key(PhysicalMemory physical, long dev, long ino) {}

    /** The live file caches; read(2) and write(2) on a mapped file consult them to stay coherent. */
    private static final Map<Key, PageCache> FILES = new HashMap<>();

    private final PhysicalMemory physical;
    private final Key key;
    private final FileChannel channel;
    private final TreeMap<Long, Long> frames = new TreeMap<>();
    /** Pages some mapping could have written: what write-back copies to the file. */
    private final Set<Long> dirty = new HashSet<>();
    /** How many VMAs (in every process) use this object; its frames go when the last one does. */
    private int mappers;

    private PageCache(PhysicalMemory physical, Key key, FileChannel channel) {
        this.physical = physical;
        this.key = key;
        this.channel = channel;
    }

    /** A fresh shmem object: zero-filled pages, shared by whoever maps it (MAP_SHARED|MAP_ANONYMOUS, /dev/zero). */
    static PageCache anonymous(PhysicalMemory physical) {
        return new PageCache(physical, null, null);
    }

    /** The one cache of {@code file}'s inode in this machine, created on first use. */
    static synchronized PageCache of(PhysicalMemory physical, RegularFile file) throws IOException {
        Stat st = file.stat();
        Key key = new Key(physical, st.dev(), st.ino());
        PageCache c = FILES.get(key);
        if (c == null) {
            c = new PageCache(physical, key, openChannel(file.path()));
            FILES.put(key, c);
        }
        return c;
    }

    /** Its own channel, so that the mapping outlives the descriptor it was made from, as on Linux. */
    private static FileChannel openChannel(Path path) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            return FileChannel.open(path, StandardOpenOption.READ);
        }
    }

    boolean isFile() {
        return channel != null;
    }

    /** The file's size now (0 for an anonymous object, which has no end). */
    long fileSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether page {@code index} lies wholly past the end of the file (Linux's SIGBUS region). */
    boolean beyondEof(long index) {
        return isFile() && index * PAGE >= fileSize();
    }

    boolean resident(long index) {
        return frames.containsKey(index);
    }

    /** The frame holding page {@code index} now, or 0 if the page is not in the cache. */
    long cachedFrame(long index) {
        Long pa = frames.get(index);
        return pa == null ? 0 : pa;
    }

    /** The frame of page {@code index}, read from the file (or zeroed) the first time it is asked for. */
    long frame(long index) {
        Long pa = frames.get(index);
        if (pa != null) return pa;
        long fresh = physical.allocFrame();
        if (isFile()) fill(fresh, index);
        frames.put(index, fresh);
        return fresh;
    }

    void markDirty(long index) {
        if (isFile()) dirty.add(index);
    }

    private void fill(long pa, long index) {
        byte[] buf = new byte[(int) PAGE];
        try {
            int done = 0;
            while (done < PAGE) {
                int n = channel.read(ByteBuffer.wrap(buf, done, (int) PAGE - done), index * PAGE + done);
                if (n <= 0) break;
                done += n;
            }
        } catch (IOException e) {
            // an unreadable page reads as zeroes, as a hole would
        }
        physical.writeBytes(pa, buf, 0, (int) PAGE);
    }

    /** Copies the dirty pages' bytes that lie inside the file back to it (the file never grows by a write-back). */
    void writeBack() {
        if (!isFile() || dirty.isEmpty()) return;
        long size = fileSize();
        byte[] buf = new byte[(int) PAGE];
        for (long index : dirty) {
            Long pa = frames.get(index);
            long at = index * PAGE;
            if (pa == null || at >= size) continue;
            int n = (int) Math.min(PAGE, size - at);
            physical.readBytes(pa, buf, 0, n);
            try {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) channel.write(b, at + b.position());
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Re-reads the pages overlapping [from, from+len) of the file after a write(2) changed them there. */
    private void refresh(long from, long len) {
        for (long index = from / PAGE; index * PAGE < from + len; index++) {
            Long pa = frames.get(index);
            if (pa != null) fill(pa, index);
        }
    }

    // ---- who maps it ----

    void attach() {
        mappers++;
    }

    /** A VMA using the object went away; with the last one, dirty pages are written back and the frames freed. */
    void detach() {
        if (--mappers > 0) return;
        writeBack();
        for (long pa : frames.values()) physical.decRef(pa);
        frames.clear();
        dirty.clear();
        if (key != null) {
            synchronized (PageCache.class) {
                FILES.remove(key);
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is left to lose: the pages were written back
            }
        }
    }

    // ---- coherence with read(2) and write(2) ----

    /** The live caches of the host file {@code st} names, in every machine (normally none, or one). */
    private static synchronized List<PageCache> cachesOf(Stat st) {
        List<PageCache> out = new ArrayList<>();
        for (PageCache c : FILES.values()) {
            if (c.key.dev() == st.dev() && c.key.ino() == st.ino()) out.add(c);
        }
        return out;
    }

    private static synchronized boolean none() {
        return FILES.isEmpty();
    }

    /** Before read(2) or write(2) on a file: what mappings wrote reaches the file first. */
    public static void beforeAccess(RegularFile file) throws IOException {
        if (none()) return;
        for (PageCache c : cachesOf(file.stat())) c.writeBack();
    }

    /** After write(2) of [from, from+len) on a file: the cached pages show the new bytes to every mapping. */
    public static void afterWrite(RegularFile file, long from, long len) throws IOException {
        if (none()) return;
        for (PageCache c : cachesOf(file.stat())) c.refresh(from, len);
    }
}
