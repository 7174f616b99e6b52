package dev.boardup.kernel;

import dev.boardup.memory.PhysicalMemory;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The frames behind shared memory, indexed by page: one per host file mapped in a machine (Linux's address_space
 * of an inode), or one per anonymous MAP_SHARED mapping (a shmem object). Every mapping of the object maps the
 * same frames, so a write through one is seen by all; a file's dirty pages go back to the host file on msync,
 * munmap and exit. The cache holds one reference on each of its frames, every PTE mapping one holds another.
 */
public final class PageCache {
    private static final long PAGE = PhysicalMemory.PAGE_SIZE;

    /** A host file's identity. */
    private record Key(long dev, long ino) {}

    /**
     * The live file caches of each machine (by its physical memory); read(2) and write(2) on a mapped file consult
     * them to stay coherent. Weak both ways, so a machine dropped without its processes' exits (a run stopped at a
     * limit) takes its caches with it.
     */
    private static final Map<PhysicalMemory, Map<Key, WeakReference<PageCache>>> FILES = new WeakHashMap<>();
    /** Each open file's identity, asked of the host once: read(2) and write(2) must not stat on every call. */
    private static final Map<RegularFile, Key> KEYS = new WeakHashMap<>();

    private final PhysicalMemory physical;
    private final Key key;
    private final FileChannel channel;
    private final TreeMap<Long, Long> frames = new TreeMap<>();
    /** Pages some mapping could have written: what write-back copies to the file. */
    private final Set<Long> dirty = new HashSet<>();
    /** How many VMAs in each address space use this object; its frames go when the last one does. */
    private final Map<AddressSpace, Integer> mappers = new IdentityHashMap<>();
    private long inode;
    private long anonymousSize;
    private static long lastShmemInode;

    private PageCache(PhysicalMemory physical, Key key, FileChannel channel) {
        this.physical = physical;
        this.key = key;
        this.channel = channel;
    }

    /**
     * A fresh shmem object of {@code size} bytes: zero-filled pages, shared by whoever maps it (MAP_SHARED with
     * MAP_ANONYMOUS or /dev/zero). Its size is the first mapping's for good: pages past it (after an mremap that
     * grew the mapping) are SIGBUS, as on Linux.
     */
    static PageCache anonymous(PhysicalMemory physical, long size) {
        PageCache c = new PageCache(physical, null, null);
        c.anonymousSize = size;
        synchronized (PageCache.class) {
            c.inode = ++lastShmemInode;
        }
        return c;
    }

    /** A shmem object's inode number on the internal shmem mount, for /proc/self/maps. */
    long inode() {
        return inode;
    }

    /** The one cache of {@code file}'s inode in this machine, created on first use. */
    static synchronized PageCache of(PhysicalMemory physical, RegularFile file) throws IOException {
        Key key = keyOf(file);
        if (key == null) throw new SyscallError(Errno.ENODEV);
        Map<Key, WeakReference<PageCache>> machine = FILES.computeIfAbsent(physical, p -> new HashMap<>());
        WeakReference<PageCache> ref = machine.get(key);
        PageCache c = ref == null ? null : ref.get();
        if (c == null) {
            c = new PageCache(physical, key, openChannel(file.path()));
            machine.put(key, new WeakReference<>(c));
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

    /** The file's size now, or the shmem object's. */
    long fileSize() {
        if (!isFile()) return anonymousSize;
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether page {@code index} lies wholly past the end of the file or object (Linux's SIGBUS region). */
    boolean beyondEof(long index) {
        return index * PAGE >= fileSize();
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

    void attach(AddressSpace space) {
        mappers.merge(space, 1, Integer::sum);
    }

    /** A VMA using the object went away; with the last one, dirty pages are written back and the frames freed. */
    void detach(AddressSpace space) {
        mappers.computeIfPresent(space, (s, n) -> n == 1 ? null : n - 1);
        if (!mappers.isEmpty()) return;
        writeBack();
        for (long pa : frames.values()) physical.decRef(pa);
        frames.clear();
        dirty.clear();
        if (key != null) {
            synchronized (PageCache.class) {
                Map<Key, WeakReference<PageCache>> machine = FILES.get(physical);
                if (machine != null && machine.get(key) != null && machine.get(key).get() == this) {
                    machine.remove(key);
                }
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is left to lose: the pages were written back
            }
        }
    }

    // ---- truncation ----

    /**
     * The file shrank to {@code size} bytes: as Linux's truncate_pagecache, every mapping (private copies too) loses
     * its pages past the new end, which fault as SIGBUS from now on, and the cache forgets them; the partial last
     * page reads as zeroes past the end.
     */
    private void truncated(long size) {
        long firstGone = (size + PAGE - 1) / PAGE;
        for (AddressSpace space : List.copyOf(mappers.keySet())) {
            space.unmapCachePages(this, firstGone, Long.MAX_VALUE);
        }
        Long partial = size % PAGE != 0 ? frames.get(size / PAGE) : null;
        if (partial != null) physical.zero(partial + size % PAGE, PAGE - size % PAGE);
        for (Long index : List.copyOf(frames.tailMap(firstGone).keySet())) {
            physical.decRef(frames.remove(index));
            dirty.remove(index);
        }
    }

    /** MADV_REMOVE: pages [from, to) are freed everywhere; a file gets zeroes there (a punched hole reads so). */
    void punch(long from, long to) {
        for (AddressSpace space : List.copyOf(mappers.keySet())) {
            space.unmapCachePages(this, from, to);
        }
        for (Long index : List.copyOf(frames.subMap(from, to).keySet())) {
            physical.decRef(frames.remove(index));
            dirty.remove(index);
        }
        if (!isFile()) return;
        long size = fileSize();
        try {
            for (long at = from * PAGE; at < Math.min(to * PAGE, size); at += PAGE) {
                ByteBuffer zeroes = ByteBuffer.allocate((int) Math.min(PAGE, size - at));
                while (zeroes.hasRemaining()) channel.write(zeroes, at + zeroes.position());
            }
        } catch (IOException e) {
            // the file cannot be written: its pages stay as they were on disk
        }
    }

    /** After truncate(2), ftruncate(2) or an O_TRUNC open of the host file {@code path} to {@code size} bytes. */
    public static void afterTruncate(Path path, long size) {
        if (none()) return;
        try {
            Stat st = Stat.of(path, true);
            for (PageCache c : cachesOf(new Key(st.dev(), st.ino()))) c.truncated(size);
        } catch (IOException e) {
            // a file that is gone has nothing left to truncate
        }
    }

    /** After ftruncate(2) of an open file, which may have been unlinked. */
    public static void afterTruncate(RegularFile file, long size) {
        if (none()) return;
        for (PageCache c : cachesOf(file)) c.truncated(size);
    }

    // ---- coherence with read(2) and write(2) ----

    /** The live caches of the host file {@code st} names, in every machine (normally none, or one). */
    /** The file's identity, or null if the host cannot say (the file is gone): then nothing maps it. */
    private static synchronized Key keyOf(RegularFile file) {
        Key key = KEYS.get(file);
        if (key == null) {
            try {
                Stat st = file.stat();
                key = new Key(st.dev(), st.ino());
            } catch (IOException e) {
                return null;
            }
            KEYS.put(file, key);
        }
        return key;
    }

    private static synchronized List<PageCache> cachesOf(RegularFile file) {
        Key key = keyOf(file);
        return key == null ? List.of() : cachesOf(key);
    }

    private static synchronized List<PageCache> cachesOf(Key key) {
        List<PageCache> out = new ArrayList<>();
        for (Map<Key, WeakReference<PageCache>> machine : FILES.values()) {
            WeakReference<PageCache> ref = machine.get(key);
            PageCache c = ref == null ? null : ref.get();
            if (c != null) out.add(c);
        }
        return out;
    }

    private static synchronized boolean none() {
        for (Map<Key, WeakReference<PageCache>> machine : FILES.values()) {
            if (!machine.isEmpty()) return false;
        }
        return true;
    }

    /** Before read(2) or write(2) on a file: what mappings wrote reaches the file first. */
    public static void beforeAccess(RegularFile file) {
        if (none()) return;
        for (PageCache c : cachesOf(file)) c.writeBack();
    }

    /** After write(2) of [from, from+len) on a file: the cached pages show the new bytes to every mapping. */
    public static void afterWrite(RegularFile file, long from, long len) {
        if (none()) return;
        for (PageCache c : cachesOf(file)) c.refresh(from, len);
    }
}
