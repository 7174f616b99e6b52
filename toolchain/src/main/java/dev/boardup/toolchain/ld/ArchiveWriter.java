package dev.boardup.toolchain.ld;

import dev.boardup.toolchain.elf.Elf;
import dev.boardup.toolchain.elf.ElfFormatException;
import dev.boardup.toolchain.elf.ElfObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a static library in GNU ar format, deterministically (mtime, uid and gid 0, mode 644) as {@code ar rcsD}
 * does: the "/" symbol index of every member's defined globals, a "//" table for names over 15 bytes, then
 * the members, each padded to an even size.
 */
public final class ArchiveWriter {
    private static final int HEADER_SIZE = 60;

    /** One file to store: its name in the archive and its contents. */
    public record Member(String name, byte[] data) {}

    private ArchiveWriter() {}

    /** The members of an existing archive, in order (its index and long-name table are not members). */
    public static List<Member> read(String name, byte[] data) throws LinkError {
        if (!Archive.isArchive(data)) throw new LinkError(name + ": file format not recognized");
        List<Member> members = new ArrayList<>();
        for (Archive.Member m : Archive.parse(name, data).members.values()) members.add(new Member(m.name(), m.data()));
        return members;
    }

    /** The archive holding these members in this order; with index, a "/" symbol index first. */
    public static byte[] write(List<Member> members, boolean index) throws LinkError {
        ByteArrayOutputStream longNames = new ByteArrayOutputStream();
        List<String> headerNames = new ArrayList<>();
        for (Member m : members) {
            byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
            if (name.length <= 15) {
                headerNames.add(m.name + "/");
            } else {
                headerNames.add("/" + longNames.size());
                longNames.writeBytes(name);
                longNames.writeBytes("/\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if ((longNames.size() & 1) != 0) longNames.write('\n');   // GNU ar counts this padding in the table's size
        List<List<String>> symbols = new ArrayList<>();
        int symbolCount = 0, namesSize = 0;
        for (Member m : members) {
            List<String> defined = index ? definedGlobals(m) : List.of();
            symbols.add(defined);
            symbolCount += defined.size();
            for (String s : defined) namesSize += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        boolean writeIndex = index && symbolCount > 0;
        int indexSize = writeIndex ? padded(4 + 4 * symbolCount + namesSize) : 0;

        // member header offsets, which the index refers to
        long offset = Archive.MAGIC.length() + (writeIndex ? HEADER_SIZE + indexSize : 0)
                + (longNames.size() > 0 ? HEADER_SIZE + padded(longNames.size()) : 0);
        long[] memberOffsets = new long[members.size()];
        for (int i = 0; i < members.size(); i++) {
            memberOffsets[i] = offset;
            offset += HEADER_SIZE + padded(members.get(i).data.length);
        }
        if (offset > 0xFFFFFFFFL) throw new LinkError("archive larger than 4 GiB");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Archive.MAGIC.getBytes(StandardCharsets.US_ASCII));
        if (writeIndex) {
            ByteArrayOutputStream idx = new ByteArrayOutputStream();
            bigEndian(idx, symbolCount);
            for (int i = 0; i < members.size(); i++) {
                for (int k = 0; k < symbols.get(i).size(); k++) bigEndian(idx, memberOffsets[i]);
            }
            for (List<String> defined : symbols) {
                for (String s : defined) {
                    idx.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    idx.write(0);
                }
            }
            while (idx.size() < indexSize) idx.write(0);
            writeMember(out, "/", idx.toByteArray(), "0");
        }
        if (longNames.size() > 0) writeMember(out, "//", longNames.toByteArray(), null);
        for (int i = 0; i < members.size(); i++) writeMember(out, headerNames.get(i), members.get(i).data, "644");
        return out.toByteArray();
    }

    /** The global symbols an object defines, in its symbol table's order (what the linker may pull it in for). */
    private static List<String> definedGlobals(Member m) throws LinkError {
        if (!ElfObject.isElf(m.data)) return List.of();
        ElfObject o;
        try {
            o = ElfObject.parse(m.name, m.data);
        } catch (ElfFormatException e) {
            throw new LinkError(e.getMessage());
        }
        List<String> names = new ArrayList<>();
        for (ElfObject.Symbol s : o.symbols) {
            boolean global = s.bind() == Elf.STB_GLOBAL || s.bind() == Elf.STB_WEAK;
            if (s.index() >= o.firstGlobal && global && !s.isUndefined() && !s.name().isEmpty()) names.add(s.name());
        }
        return names;
    }

    /** A 60-byte member header then the data, padded to an even length with a newline. */
    private static void writeMember(ByteArrayOutputStream out, String name, byte[] data, String mode) {
        String header = field(name, 16) + field(mode == null ? "" : "0", 12) + field(mode == null ? "" : "0", 6)
                + field(mode == null ? "" : "0", 6) + field(mode == null ? "" : mode, 8) + field(Integer.toString(data.length), 10)
                + "`\n";
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        if ((data.length & 1) != 0) out.write('\n');
    }

    private static String field(String value, int width) {
        return value + " ".repeat(Math.max(0, width - value.length()));
    }

    private static int padded(int size) {
        return size + (size & 1);
    }

    private static void bigEndian(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }
}
