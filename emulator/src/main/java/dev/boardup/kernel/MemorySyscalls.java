package dev.boardup.kernel;

import dev.boardup.memory.OutOfGuestMemory;
import java.io.IOException;

/**
 * The mmap family: brk, mmap, munmap, mprotect, mremap, madvise, mincore, mlock, msync. They edit the VMAs; pages
 * come later, on faults, unless MAP_POPULATE or mlock asks for them now.
 */
final class MemorySyscalls {
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xF;
    static final int MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100, MAP_LOCKED = 0x2000;
    static final int MAP_POPULATE = 0x8000, MAP_FIXED_NOREPLACE = 0x100000;
    private static final long DEV_ZERO = Stat.makedev(1, 5), SHMEM_DEV = Stat.makedev(0, 1);
    static final int MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4, MLOCK_ONFAULT = 1;
    static final int PROT_GROWSDOWN = 0x0100_0000, PROT_GROWSUP = 0x0200_0000;

    private final Kernel k;

    MemorySyscalls(Kernel k) {
        this.k = k;
    }

    void register() {
        k.registerHex(12, "brk", a -> k.space.setBrk(a[0]), (a, r) -> Strace.pointer(a[0]));
        k.registerHex(9, "mmap", a -> mmap(a[0], a[1], (int) a[2], (int) a[3], (int) a[4], a[5]),
                (a, r) -> Strace.pointer(a[0]) + ", " + a[1] + ", " + Strace.prot(a[2]) + ", "
                        + Strace.mapFlags(a[3]) + ", " + (int) a[4] + ", " + Strace.hex(a[5]).replace("0x0", "0"));
        k.register(11, "munmap", a -> munmap(a[0], a[1]), (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(10, "mprotect", a -> mprotect(a[0], a[1], (int) a[2]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + Strace.prot(a[2]));
        k.registerHex(25, "mremap", a -> mremap(a[0], a[1], a[2], (int) a[3], a[4]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + a[2] + ", " + remapFlags(a[3])
                        + ((a[3] & MREMAP_FIXED) != 0 ? ", " + Strace.hex(a[4]) : ""));
        k.register(26, "msync", a -> msync(a[0], a[1], (int) a[2]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + a[2]);
        k.register(27, "mincore", a -> mincore(a[0], a[1], a[2]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + Strace.hex(a[2]));
        k.register(149, "mlock", a -> lockRange(a[0], a[1], true), (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(150, "munlock", a -> lockRange(a[0], a[1], false), (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(325, "mlock2", a -> mlock2(a[0], a[1], a[2]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + (a[2] == MLOCK_ONFAULT ? "MLOCK_ONFAULT" : a[2]));
        k.register(151, "mlockall", a -> mlockall(a[0]), (a, r) -> Strace.hex(a[0]));
        k.register(152, "munlockall", a -> {
            k.space.lockAll(true, true, false, false);
            return 0;
        }, (a, r) -> "");
        k.register(28, "madvise", a -> madvise(a[0], a[1], (int) a[2]),
                (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + a[2]);
    }

    private static boolean aligned(long x) {
        return (x & (AddressSpace.PAGE - 1)) == 0;
    }

    /** The page-rounded length, or ENOMEM when it wraps or cannot fit below the stack. */
    private static long pages(long len) {
        long rounded = AddressSpace.pageUp(len);
        if (len < 0 || rounded < len || rounded > AddressSpace.STACK_TOP) throw new SyscallError(Errno.ENOMEM);
        return rounded;
    }

    private long mmap(long addr, long len, int prot, int flags, int fd, long offset) throws IOException {
        int type = flags & MAP_TYPE;
        boolean knownType = type == MAP_SHARED || type == MAP_PRIVATE || type == MAP_SHARED_VALIDATE;
        if (len == 0 || !aligned(offset) || !knownType) {
            throw new SyscallError(Errno.EINVAL);
        }
        long size = pages(len);
        if (Overcommit.accountable(prot, flags) && !Overcommit.enoughMemory(k.space.physical(), size)) {
            throw new SyscallError(Errno.ENOMEM);
        }
        boolean shared = type != MAP_PRIVATE;
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        String name = "";
        Vma.FileRef file = null;
        PageCache cache = null;
        RegularFile mapped = null;
        long cacheOffset = 0;
        if (!anonymous) {
            OpenFile f = k.files.get(fd);
            if ((f.flags() & OpenFile.O_PATH) != 0) throw new SyscallError(Errno.EBADF);
            // do_mmap's order: the access mode first, then whether the file can be mapped at all
            if (!f.canRead() || (shared && (prot & Vma.PROT_WRITE) != 0 && !f.canWrite())) {
                throw new SyscallError(Errno.EACCES);
            }
            if (f instanceof DeviceFile d && d.stat().rdev() == DEV_ZERO) {
                // /dev/zero: anonymous memory; a private mapping still names the device in the maps
                anonymous = true;
                if (!shared) {
                    Stat st = d.stat();
                    file = new Vma.FileRef(st.dev(), st.ino(), offset);
                    name = "/dev/zero";
                }
            } else if (f instanceof RegularFile rf) {
                mapped = rf;
                cacheOffset = offset;
                name = rf.name();
                Stat st = rf.stat();
                file = new Vma.FileRef(st.dev(), st.ino(), offset);
            } else {
                throw new SyscallError(Errno.ENODEV);
            }
        }
        if (anonymous && shared) {
            // a shmem object, which Linux's maps show as the deleted file it is built on
            cache = PageCache.anonymous(k.space.physical(), size);
            file = new Vma.FileRef(SHMEM_DEV, cache.inode(), 0);
            name = "/dev/zero (deleted)";
        }
        int vmaProt = prot & (Vma.PROT_READ | Vma.PROT_WRITE | Vma.PROT_EXEC);
        int vmaFlags = (shared ? Vma.SHARED : 0) | ((flags & MAP_GROWSDOWN) != 0 ? Vma.GROWSDOWN : 0);
        if (shared && mapped != null && !mapped.canWrite()) vmaFlags |= Vma.NO_WRITE;
        boolean lock = (flags & MAP_LOCKED) != 0 || k.space.lockFuture();
        if (lock) vmaFlags |= Vma.LOCKED;
        boolean populate = (flags & (MAP_POPULATE | MAP_LOCKED)) != 0 || (lock && !k.space.lockFutureOnFault());
        long start = place(addr, size, flags);
        if (mapped != null) {
            // only now: a MAP_FIXED placement may just have dropped the last mapping of the same file
            cache = PageCache.of(k.space.physical(), mapped);
        }
        k.space.add(new Vma(start, start + size, vmaProt, name, file, vmaFlags, cache, cacheOffset));
        if (populate) {
            try {
                k.space.populateRange(start, start + size);
            } catch (OutOfGuestMemory e) {
                k.space.unmap(start, start + size);  // the guest gets ENOMEM and its memory back
                throw e;
            }
        }
        return start;
    }

    /** Where a new mapping goes: exactly at a MAP_FIXED address, at the hint when free, else top-down. */
    private long place(long addr, long size, int flags) {
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed) {
            if (!aligned(addr)) throw new SyscallError(Errno.EINVAL);
            if (addr + size > AddressSpace.STACK_TOP || addr + size < addr) throw new SyscallError(Errno.ENOMEM);
            // security_mmap_addr: below vm.mmap_min_addr only with CAP_SYS_RAWIO
            if (addr < AddressSpace.SYSCTL_MMAP_MIN && Identity.UID != 0) throw new SyscallError(Errno.EPERM);
            if ((flags & MAP_FIXED) == 0 && !k.space.isFree(addr, addr + size)) throw new SyscallError(Errno.EEXIST);
            k.space.unmap(addr, addr + size);
            return addr;
        }
        long hint = roundHintToMin(addr);
        boolean hintFits = hint != 0 && hint <= AddressSpace.STACK_TOP - size;
        if (hintFits && k.space.hintFree(hint, hint + size)) {
            return hint;
        }
        long start = k.space.findFreeTopDown(size);
        if (start < 0) throw new SyscallError(Errno.ENOMEM);
        return start;
    }

    /** Linux's round_hint_to_min: a hint is page-aligned down, and one below mmap_min_addr moves up to it. */
    private static long roundHintToMin(long addr) {
        long hint = AddressSpace.pageDown(addr);
        return hint != 0 && Long.compareUnsigned(hint, AddressSpace.MMAP_MIN) < 0 ? AddressSpace.MMAP_MIN : hint;
    }

    private long munmap(long addr, long len) {
        if (!aligned(addr) || len == 0) throw new SyscallError(Errno.EINVAL);
        long size = pages(len);
        if (addr + size > AddressSpace.STACK_TOP || addr + size < addr) throw new SyscallError(Errno.EINVAL);
        k.space.unmap(addr, addr + size);
        return 0;
    }

    private long mprotect(long addr, long len, int prot) {
        if (!aligned(addr) || (prot & ~(7 | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) throw new SyscallError(Errno.EINVAL);
        if (len == 0) return 0;
        long size = pages(len);
        if ((prot & Vma.PROT_WRITE) != 0 && anyNoWrite(addr, addr + size)) throw new SyscallError(Errno.EACCES);
        if (addr + size > AddressSpace.STACK_TOP || !k.space.protect(addr, addr + size, prot & 7)) {
            throw new SyscallError(Errno.ENOMEM);
        }
        return 0;
    }

    private boolean anyNoWrite(long start, long end) {
        for (Vma v : k.space.vmas()) {
            if (v.start < end && v.end > start && (v.flags & Vma.NO_WRITE) != 0) return true;
        }
        return false;
    }

    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;

    /**
     * mremap, as Linux orders its checks: shrink in place, grow in place when the room above is free, else move
     * (MREMAP_MAYMOVE) or ENOMEM. MREMAP_FIXED moves to a given address, MREMAP_DONTUNMAP leaves the old range
     * mapped but empty, and an old length of 0 on a shared mapping maps the same object a second time.
     */
    private long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        boolean mayMove = (flags & MREMAP_MAYMOVE) != 0, fixed = (flags & MREMAP_FIXED) != 0;
        boolean dontUnmap = (flags & MREMAP_DONTUNMAP) != 0;
        if ((flags & ~7) != 0 || (fixed && !mayMove) || (dontUnmap && (!mayMove || oldLen != newLen))
                || !aligned(oldAddr)) {
            throw new SyscallError(Errno.EINVAL);
        }
        long oldSize = pages(oldLen), newSize = pages(newLen);
        if (newSize == 0) throw new SyscallError(Errno.EINVAL);
        if (k.space.find(oldAddr) == null) throw new SyscallError(Errno.EFAULT);
        if (fixed || dontUnmap) {
            return remapTo(oldAddr, oldSize, newSize, fixed ? newAddr : -1, dontUnmap);
        }
        if (oldSize >= newSize) {
            k.space.unmap(oldAddr + newSize, oldAddr + oldSize);
            return oldAddr;
        }
        Vma v = resizable(oldAddr, oldSize);
        long end = oldAddr + oldSize;
        if (oldSize > 0 && end == v.end && oldAddr + newSize <= AddressSpace.STACK_TOP
                && k.space.isFree(end, oldAddr + newSize)) {
            k.space.extend(end, oldAddr + newSize);
            if (v.locked()) k.space.populateRange(end, oldAddr + newSize);
            return oldAddr;
        }
        if (!mayMove) throw new SyscallError(Errno.ENOMEM);
        long target = k.space.findFreeTopDown(newSize);
        if (target < 0) throw new SyscallError(Errno.ENOMEM);
        return moveTo(oldAddr, oldSize, newSize, target, false);
    }

    /** Linux's mremap_to: the move to a chosen (MREMAP_FIXED, {@code newAddr} not -1) or a free address. */
    private long remapTo(long oldAddr, long oldSize, long newSize, long newAddr, boolean dontUnmap) {
        if (newAddr != -1) {
            if (!aligned(newAddr) || newAddr < AddressSpace.MMAP_MIN || newSize > AddressSpace.STACK_TOP
                    || newAddr > AddressSpace.STACK_TOP - newSize
                    || (newAddr < oldAddr + oldSize && oldAddr < newAddr + newSize)) {
                throw new SyscallError(Errno.EINVAL);
            }
            k.space.unmap(newAddr, newAddr + newSize);
        }
        if (oldSize > newSize) {
            k.space.unmap(oldAddr + newSize, oldAddr + oldSize);
            oldSize = newSize;
        }
        resizable(oldAddr, oldSize);
        long target = newAddr != -1 ? newAddr : k.space.findFreeTopDown(newSize);
        if (target < 0) throw new SyscallError(Errno.ENOMEM);
        return moveTo(oldAddr, oldSize, newSize, target, dontUnmap);
    }

    /** Linux's vma_to_resize: the old range must lie in one area; a length of 0 only duplicates shared ones. */
    private Vma resizable(long oldAddr, long oldSize) {
        Vma v = k.space.find(oldAddr);
        if (v == null) throw new SyscallError(Errno.EFAULT);
        if (oldSize == 0 && !v.shared()) throw new SyscallError(Errno.EINVAL);
        if (oldAddr + oldSize > v.end) throw new SyscallError(Errno.EFAULT);
        return v;
    }

    private long moveTo(long oldAddr, long oldSize, long newSize, long target, boolean dontUnmap) {
        Vma v = k.space.find(oldAddr);
        if (oldSize == 0) {
            k.space.add(v.slice(oldAddr, oldAddr).movedTo(target).withEnd(target + newSize));
        } else {
            Vma old = v.slice(oldAddr, oldAddr + oldSize);
            k.space.move(oldAddr, oldSize, target);
            if (dontUnmap) k.space.add(old.withFlags(old.flags & ~Vma.LOCKED));
            if (newSize > oldSize) k.space.extend(target + oldSize, target + newSize);
        }
        if (v.locked()) k.space.populateRange(target, target + newSize);
        return target;
    }

    private static String remapFlags(long f) {
        return Strace.flags(f, new long[] {MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP},
                new String[] {"MREMAP_MAYMOVE", "MREMAP_FIXED", "MREMAP_DONTUNMAP"}, "0");
    }

    /** msync: the shared file mappings in the range write their dirty pages back (MS_ASYNC just as MS_SYNC). */
    private long msync(long addr, long len, int flags) {
        if (!aligned(addr) || (flags & ~7) != 0 || (flags & 5) == 5) throw new SyscallError(Errno.EINVAL);
        long end = addr + pages(len);
        if (!k.space.fullyMapped(addr, end)) throw new SyscallError(Errno.ENOMEM);
        k.space.sync(addr, end);
        return 0;
    }

    /** mincore: one byte per page, 1 where a frame is mapped now or the page is in its file's page cache. */
    private long mincore(long addr, long len, long vec) {
        if (!aligned(addr)) throw new SyscallError(Errno.EINVAL);
        long size = pages(len);
        if (!k.space.fullyMapped(addr, addr + size)) throw new SyscallError(Errno.ENOMEM);
        byte[] v = new byte[(int) (size / AddressSpace.PAGE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (k.space.resident(addr + i * AddressSpace.PAGE) ? 1 : 0);
        }
        k.user.write(vec, v);
        return 0;
    }

    /** mlock/munlock: the pages of [addr, addr+len), widened to whole pages, locked (populated now) or not. */
    private long lockRange(long addr, long len, boolean on) {
        long start = AddressSpace.pageDown(addr), end = AddressSpace.pageUp(addr + len);
        if (end < start) throw new SyscallError(Errno.EINVAL);
        if (len == 0) return 0;
        if (!k.space.lock(start, end, on)) throw new SyscallError(Errno.ENOMEM);
        return 0;
    }

    /** mlock2: mlock, or with MLOCK_ONFAULT a lock that leaves the pages to their first touch. */
    private long mlock2(long addr, long len, long flags) {
        if ((flags & ~MLOCK_ONFAULT) != 0) throw new SyscallError(Errno.EINVAL);
        long start = AddressSpace.pageDown(addr), end = AddressSpace.pageUp(addr + len);
        if (end < start) throw new SyscallError(Errno.EINVAL);
        if (len == 0) return 0;
        if (!k.space.lock(start, end, true, flags == 0)) throw new SyscallError(Errno.ENOMEM);
        return 0;
    }

    private long mlockall(long flags) {
        if (flags == 0 || (flags & ~7L) != 0 || flags == MCL_ONFAULT) throw new SyscallError(Errno.EINVAL);
        k.space.lockAll((flags & MCL_CURRENT) != 0, (flags & MCL_FUTURE) != 0, true, (flags & MCL_ONFAULT) != 0);
        return 0;
    }

    static final int MADV_DONTNEED = 4, MADV_FREE = 8, MADV_REMOVE = 9, MADV_DONTFORK = 10, MADV_DOFORK = 11;
    static final int MADV_WIPEONFORK = 18, MADV_KEEPONFORK = 19, MADV_POPULATE_READ = 22, MADV_POPULATE_WRITE = 23;
    static final int MADV_DONTNEED_LOCKED = 24;

    /** The advice values Linux x86-64 accepts (KSM, THP and the rest included, as this host's kernel does). */
    private static boolean validAdvice(int advice) {
        return (advice >= 0 && advice <= MADV_DONTNEED) || (advice >= MADV_FREE && advice <= MADV_DONTNEED_LOCKED);
    }

    /**
     * madvise: DONTNEED drops pages (private anonymous ones come back zeroed), REMOVE frees a shared object's pages,
     * DONTFORK/WIPEONFORK change what a fork's child gets, POPULATE_* fault pages in; the rest are hints with
     * nothing a program can observe, accepted where Linux accepts them.
     */
    private long madvise(long addr, long len, int advice) {
        if (!validAdvice(advice) || !aligned(addr) || len < 0) throw new SyscallError(Errno.EINVAL);
        if (len == 0) return 0;
        long end = AddressSpace.pageUp(addr + len);
        if (end < addr) throw new SyscallError(Errno.EINVAL);
        if (!k.space.fullyMapped(addr, end)) throw new SyscallError(Errno.ENOMEM);
        for (Vma v : k.space.vmas()) {
            if (v.start < end && v.end > addr) checkAdvice(v, advice);
        }
        switch (advice) {
            case MADV_DONTNEED, MADV_DONTNEED_LOCKED -> k.space.dropPages(addr, end);
            case MADV_REMOVE -> k.space.removePages(addr, end);
            case MADV_DONTFORK, MADV_DOFORK -> k.space.setFlag(addr, end, Vma.DONTFORK, advice == MADV_DONTFORK);
            case MADV_WIPEONFORK, MADV_KEEPONFORK ->
                    k.space.setFlag(addr, end, Vma.WIPEONFORK, advice == MADV_WIPEONFORK);
            case MADV_POPULATE_READ, MADV_POPULATE_WRITE -> k.space.populateRange(addr, end);
            default -> { }
        }
        return 0;
    }

    /** Whether one area takes the advice: the errors Linux's madvise_vma_behavior gives. */
    private static void checkAdvice(Vma v, int advice) {
        boolean privateAnon = !v.shared() && v.anonymous();
        boolean bad = switch (advice) {
            case MADV_DONTNEED -> v.locked();
            case MADV_FREE, MADV_WIPEONFORK -> !privateAnon;
            case MADV_POPULATE_WRITE -> (v.prot & Vma.PROT_WRITE) == 0;
            default -> false;
        };
        if (bad) throw new SyscallError(Errno.EINVAL);
        if (advice == MADV_REMOVE && !v.shared()) {
            throw new SyscallError(v.anonymous() ? Errno.EINVAL : Errno.EACCES);
        }
    }
}
