package dev.boardup.toolchain.driver;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/** {@code boardup ar} as a {@link ToolProvider} named "boardup-ar", so the guest libc build can make libc.a. */
public final class ArToolProvider implements ToolProvider {
    @Override
    public String name() {
        return "boardup-ar";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return ArDriver.run(out, err, args);
    }
}
