package dev.boardup.toolchain.ld;

import dev.boardup.toolchain.elf.ElfFormatException;
import dev.boardup.toolchain.elf.ElfObject;
import dev.boardup.toolchain.elf.Elf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A static library in System V / GNU ar format: members, their long names (the "//" table) and the symbol
 * index ("/" or "/SYM64/") that says which member defines which global symbol.
 */
final class Archive {
    static final String MAGIC = "!<arch>\n";
    private static final int HEADER_SIZE = 60;

    /** One member: its name and where its header starts (the offset the symbol index refers to). */
    record Member(String name, int headerOffset, byte[] data) {}

    final String name;
    /** Symbol name → header offset of the member defining it, in index order. */
    final Map<String, Integer> index = new LinkedHashMap<>();
    final Map<Integer, Member> members = new LinkedHashMap<>();

    private Archive(String name) {
        this.name = name;
    }

    static boolean isArchive(byte[] data) {
        if (data.length < MAGIC.length()) return false;
        return new String(data, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC);
    }

    static Archive parse(String name, byte[] data) throws LinkError {
        try {
            return read(name, data);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new LinkError(name + ": malformed archive");
        }
    }

    private static Archive read(String name, byte[] data) throws LinkError {
        Archive a = new Archive(name);
        byte[] symbolIndex = null;
        boolean index64 = false;
        byte[] longNames = new byte[0];
        int pos = MAGIC.length();
        while (pos + HEADER_SIZE <= data.length) {
            String rawName = ascii(data, pos, 16).trim();
            int size = Integer.parseInt(ascii(data, pos + 48, 10).trim());
            int body = pos + HEADER_SIZE;
            byte[] contents = java.util.Arrays.copyOfRange(data, body, body + size);
            if (body + size > data.length) throw new IndexOutOfBoundsException();
            if (rawName.equals("/")) {
                symbolIndex = contents;
            } else if (rawName.equals("/SYM64/")) {
                symbolIndex = contents;
                index64 = true;
            } else if (rawName.equals("//")) {
                longNames = contents;
            } else {
                a.members.put(pos, new Member(memberName(rawName, longNames), pos, contents));
            }
            pos = body + size + (size & 1);
        }
        if (symbolIndex != null) {
            a.readIndex(symbolIndex, index64);
        } else {
            a.buildIndex();
        }
        return a;
    }

    /** The symbol index: a big-endian count, that many member offsets, then the NUL-terminated names. */
    private void readIndex(byte[] s, boolean wide) {
        int width = wide ? 8 : 4;
        int count = (int) bigEndian(s, 0, width);
        int names = width + count * width;
        for (int i = 0; i < count; i++) {
            int offset = (int) bigEndian(s, width + i * width, width);
            int end = names;
            while (s[end] != 0) end++;
            index.putIfAbsent(new String(s, names, end - names, StandardCharsets.UTF_8), offset);
            names = end + 1;
        }
    }

    /** An archive without an index (made by "ar rcS"): read every member's defined globals instead. */
    private void buildIndex() throws LinkError {
        for (Member m : members.values()) {
            if (!ElfObject.isElf(m.data)) continue;
            try {
                ElfObject o = ElfObject.parse(name + "(" + m.name + ")", m.data);
                for (ElfObject.Symbol s : o.symbols) {
                    if (s.index() >= o.firstGlobal && !s.isUndefined() && s.bind() != Elf.STB_LOCAL) {
                        index.putIfAbsent(s.name(), m.headerOffset);
                    }
                }
            } catch (ElfFormatException e) {
                throw new LinkError(e.getMessage());
            }
        }
    }

    private static String memberName(String raw, byte[] longNames) {
        if (raw.startsWith("/") && raw.length() > 1 && Character.isDigit(raw.charAt(1))) {
            int off = Integer.parseInt(raw.substring(1).trim());
            int end = off;
            while (end < longNames.length && longNames[end] != '/' && longNames[end] != '\n') end++;
            return new String(longNames, off, end - off, StandardCharsets.UTF_8);
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static long bigEndian(byte[] s, int offset, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) v = (v << 8) | (s[offset + i] & 0xFF);
        return v;
    }
}
