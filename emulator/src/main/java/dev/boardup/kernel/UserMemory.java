package dev.boardup.kernel;

import dev.boardup.memory.Pte;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * copy_from_user / copy_to_user: the kernel's access to guest memory through the process's page tables, with the
 * permissions user code would have. A page not yet there is faulted in like the guest's own access would be; an
 * address the guest could not touch either is {@link Errno#EFAULT}, thrown as a {@link SyscallError}.
 */
public final class UserMemory {
    private final AddressSpace space;
    /** Told when the kernel writes into an executable page, so decoded code there is dropped. */
    private BiConsumer<Long, Long> codeWriteListener = (s, e) -> {};

    public UserMemory(AddressSpace space) {
        this.space = space;
    }

    public void onCodeWrite(BiConsumer<Long, Long> listener) {
        this.codeWriteListener = listener;
    }

    BiConsumer<Long, Long> codeWriteListener() {
        return codeWriteListener;
    }

    public void read(long va, byte[] dst, int off, int len) {
        while (len > 0) {
            long pte = translate(va, false);
            int n = chunk(va, len);
            space.physical().readBytes(Pte.addr(pte) + (va & (AddressSpace.PAGE - 1)), dst, off, n);
            va += n;
            off += n;
            len -= n;
        }
    }

    public byte[] read(long va, int len) {
        byte[] b = new byte[len];
        read(va, b, 0, len);
        return b;
    }

    public void write(long va, byte[] src, int off, int len) {
        while (len > 0) {
            long pte = translate(va, true);
            int n = chunk(va, len);
            space.physical().writeBytes(Pte.addr(pte) + (va & (AddressSpace.PAGE - 1)), src, off, n);
            if (Pte.executable(pte)) {
                codeWriteListener.accept(va, va + n);
            }
            va += n;
            off += n;
            len -= n;
        }
    }

    public void write(long va, byte[] src) {
        write(va, src, 0, src.length);
    }

    public long read64(long va) {
        return ByteBuffer.wrap(read(va, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public int read32(long va) {
        return ByteBuffer.wrap(read(va, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public void write64(long va, long value) {
        write(va, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    public void write32(long va, int value) {
        write(va, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    /** A NUL-terminated string of at most {@code max} bytes; longer is ENAMETOOLONG, as for a path. */
    public String readCString(long va, int max) {
        byte[] raw = readCStringBytes(va, max);
        if (raw == null) {
            throw new SyscallError(Errno.ENAMETOOLONG);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The bytes of a NUL-terminated string, or null when no NUL comes within {@code max} bytes. */
    public byte[] readCStringBytes(long va, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] page = new byte[(int) AddressSpace.PAGE];
        while (out.size() < max) {
            int n = chunk(va, (int) AddressSpace.PAGE);
            read(va, page, 0, n);
            for (int i = 0; i < n; i++) {
                if (page[i] == 0) {
                    out.write(page, 0, i);
                    return out.toByteArray();
                }
            }
            out.write(page, 0, n);
            va += n;
        }
        return null;
    }

    /** Faults in [va, va+len) for reading or writing, or throws EFAULT: a check before any side effect. */
    public void check(long va, long len, boolean write) {
        if (len <= 0) return;
        if (va + len < va) throw new SyscallError(Errno.EFAULT);
        for (long p = AddressSpace.pageDown(va); p < va + len; p += AddressSpace.PAGE) {
            translate(Math.max(p, va), write);
        }
    }

    /** Whether [va, va+len) is readable by the program, without faulting anything in. For strace's display. */
    public boolean readable(long va, long len) {
        for (long p = AddressSpace.pageDown(va); p < va + len; p += AddressSpace.PAGE) {
            Vma v = space.find(p);
            if (v == null || !v.permits(false, false)) return false;
        }
        return true;
    }

    private static int chunk(long va, int len) {
        return (int) Math.min(len, AddressSpace.PAGE - (va & (AddressSpace.PAGE - 1)));
    }

    private long translate(long va, boolean write) {
        if (va < 0 || va >= AddressSpace.STACK_TOP) {
            throw new SyscallError(Errno.EFAULT);
        }
        long pte = space.tables().lookup(va);
        if (usable(pte, write)) {
            return pte;
        }
        if (!space.resolveFault(va, write, false, Pte.present(pte))) {
            throw new SyscallError(Errno.EFAULT);
        }
        pte = space.tables().lookup(va);
        if (!usable(pte, write)) {
            throw new SyscallError(Errno.EFAULT);
        }
        return pte;
    }

    private static boolean usable(long pte, boolean write) {
        return Pte.present(pte) && Pte.user(pte) && (!write || Pte.writable(pte));
    }
}
