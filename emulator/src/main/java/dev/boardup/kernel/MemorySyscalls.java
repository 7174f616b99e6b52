package dev.boardup.kernel;

import dev.boardup.memory.Pte;
import java.io.IOException;

/** brk, mmap, munmap, mprotect, madvise: they edit the VMAs; pages come later, on faults. */
final class MemorySyscalls {
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xF;
    static final int MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
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
        k.register(149, "mlock", a -> lockRange(a[0], a[1]), (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(150, "munlock", a -> lockRange(a[0], a[1]), (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(151, "mlockall", a -> (a[0] & ~7L) != 0 || a[0] == 0 ? -Errno.EINVAL : 0,
                (a, r) -> Strace.hex(a[0]));
        k.register(152, "munlockall", a -> 0, (a, r) -> "");
        k.register(28, "madvise", a -> madvise(a[0], a[1]), (a, r) -> Strace.hex(a[0]) + ", " + a[1] + ", " + a[2]);
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
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        byte[] backing = null;
        String name = "";
        Vma.FileRef file = null;
        if (!anonymous) {
            OpenFile f = k.files.get(fd);
            if (!(f instanceof RegularFile rf)) throw new SyscallError(Errno.ENODEV);
            if (!f.canRead()) throw new SyscallError(Errno.EACCES);
            backing = contents(rf, offset, size);
            name = rf.name();
            Stat st = rf.stat();
            file = new Vma.FileRef(st.dev(), st.ino(), offset);
        }
        int vmaProt = prot & (Vma.PROT_READ | Vma.PROT_WRITE | Vma.PROT_EXEC);
        long start = place(addr, size, flags);
        k.space.add(new Vma(start, start + size, vmaProt, name, backing, 0, file));
        return start;
    }

    /** Where a new mapping goes: exactly at a MAP_FIXED address, at the hint when free, else top-down. */
    private long place(long addr, long size, int flags) {
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        if (fixed) {
            if (!aligned(addr)) throw new SyscallError(Errno.EINVAL);
            if (addr < AddressSpace.MMAP_MIN || addr + size > AddressSpace.STACK_TOP || addr + size < addr) {
                boolean belowMin = (flags & MAP_FIXED) != 0 && addr < AddressSpace.MMAP_MIN;
                throw new SyscallError(belowMin ? Errno.EPERM : Errno.ENOMEM);
            }
            if ((flags & MAP_FIXED) == 0 && !k.space.isFree(addr, addr + size)) throw new SyscallError(Errno.EEXIST);
            k.space.unmap(addr, addr + size);
            return addr;
        }
        long hint = AddressSpace.pageDown(addr);
        boolean hintFits = hint >= AddressSpace.MMAP_MIN && hint + size <= AddressSpace.MMAP_BASE;
        if (hintFits && k.space.isFree(hint, hint + size)) {
            return hint;
        }
        long start = k.space.findFreeTopDown(size);
        if (start < 0) throw new SyscallError(Errno.ENOMEM);
        return start;
    }

    /** A private copy of the file's bytes [offset, offset+size), as far as the file goes. */
    private static byte[] contents(RegularFile f, long offset, long size) throws IOException {
        long fileSize = f.stat().size();
        long n = Math.max(0, Math.min(size, fileSize - offset));
        if (n > Integer.MAX_VALUE - 16) throw new SyscallError(Errno.ENOMEM);
        byte[] bytes = new byte[(int) n];
        long saved = f.seek(0, RegularFile.SEEK_CUR);
        try {
            f.seek(offset, RegularFile.SEEK_SET);
            int done = 0;
            while (done < n) {
                int r = f.read(bytes, done, (int) n - done);
                if (r <= 0) break;
                done += r;
            }
        } finally {
            f.seek(saved, RegularFile.SEEK_SET);
        }
        return bytes;
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
        if (addr + size > AddressSpace.STACK_TOP || !k.space.protect(addr, addr + size, prot & 7)) {
            throw new SyscallError(Errno.ENOMEM);
        }
        return 0;
    }

    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;

    /** mremap: shrink in place, grow in place when the room is free, else move (MREMAP_MAYMOVE) or ENOMEM. */
    private long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        if (!aligned(oldAddr) || (flags & ~7) != 0 || ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0)
                || newLen == 0 || (flags & MREMAP_DONTUNMAP) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long oldSize = pages(oldLen), newSize = pages(newLen);
        Vma v = k.space.find(oldAddr);
        if (oldSize == 0 || v == null || oldAddr + oldSize > v.end) throw new SyscallError(Errno.EFAULT);
        if ((flags & MREMAP_FIXED) != 0) {
            if (!aligned(newAddr) || newAddr < AddressSpace.MMAP_MIN || newAddr + newSize > AddressSpace.STACK_TOP
                    || (newAddr < oldAddr + oldSize && oldAddr < newAddr + newSize)) {
                throw new SyscallError(Errno.EINVAL);
            }
            k.space.unmap(newAddr, newAddr + newSize);
            return moveTo(oldAddr, oldSize, newSize, newAddr);
        }
        if (newSize <= oldSize) {
            k.space.unmap(oldAddr + newSize, oldAddr + oldSize);
            return oldAddr;
        }
        long end = oldAddr + oldSize;
        if (end == v.end && k.space.isFree(end, oldAddr + newSize) && oldAddr + newSize <= AddressSpace.STACK_TOP) {
            k.space.extend(end, oldAddr + newSize);
            return oldAddr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) throw new SyscallError(Errno.ENOMEM);
        long target = k.space.findFreeTopDown(newSize);
        if (target < 0) throw new SyscallError(Errno.ENOMEM);
        return moveTo(oldAddr, oldSize, newSize, target);
    }

    private long moveTo(long oldAddr, long oldSize, long newSize, long target) {
        long keep = Math.min(oldSize, newSize);
        k.space.unmap(oldAddr + keep, oldAddr + oldSize);
        k.space.move(oldAddr, keep, target);
        if (newSize > keep) k.space.extend(target + keep, target + newSize);
        return target;
    }

    private static String remapFlags(long f) {
        return Strace.flags(f, new long[] {MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP},
                new String[] {"MREMAP_MAYMOVE", "MREMAP_FIXED", "MREMAP_DONTUNMAP"}, "0");
    }

    /**
     * msync: private mappings have nothing to write back. (MAP_SHARED file mappings are private copies here too,
     * so their changes never reach the file: a known limitation.)
     */
    private long msync(long addr, long len, int flags) {
        if (!aligned(addr) || (flags & ~7) != 0 || (flags & 5) == 5) throw new SyscallError(Errno.EINVAL);
        if (!k.space.fullyMapped(addr, addr + pages(len))) throw new SyscallError(Errno.ENOMEM);
        return 0;
    }

    /** mincore: one byte per page, 1 where a frame is mapped now. */
    private long mincore(long addr, long len, long vec) {
        if (!aligned(addr)) throw new SyscallError(Errno.EINVAL);
        long size = pages(len);
        if (!k.space.fullyMapped(addr, addr + size)) throw new SyscallError(Errno.ENOMEM);
        byte[] v = new byte[(int) (size / AddressSpace.PAGE)];
        for (int i = 0; i < v.length; i++) {
            boolean present = Pte.present(k.space.tables().lookup(addr + i * AddressSpace.PAGE));
            v[i] = (byte) (present ? 1 : 0);
        }
        k.user.write(vec, v);
        return 0;
    }

    /** mlock/munlock: every page is resident until unmapped anyway; the range must be mapped. */
    private long lockRange(long addr, long len) {
        long start = AddressSpace.pageDown(addr);
        if (!k.space.fullyMapped(start, AddressSpace.pageUp(addr + len))) throw new SyscallError(Errno.ENOMEM);
        return 0;
    }

    private long madvise(long addr, long len) {
        if (!aligned(addr) || len < 0) throw new SyscallError(Errno.EINVAL);
        return 0;
    }
}
