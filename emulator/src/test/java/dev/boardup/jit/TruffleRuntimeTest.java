package dev.boardup.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import org.junit.jupiter.api.Test;

/** Guards the known trap: without the Graal jars on upgrade-module-path Truffle silently interprets. */
class TruffleRuntimeTest {

    @Test
    void optimizingRuntimeIsActive() {
        String name = Truffle.getRuntime().getName();
        assertTrue(name.contains("GraalVM") || name.contains("Graal"), "Truffle runtime is '" + name + "'");
        assertTrue(!name.contains("Interpreted") && !name.contains("Default"), "Truffle runtime is '" + name + "'");
    }

    @Test
    void bareRootNodeRuns() {
        CallTarget target = new RootNode(null) {
            @Override
            public Object execute(VirtualFrame frame) {
                long sum = 0;
                for (long i = 0; i < 1000; i++) {
                    sum += i;
                }
                return sum;
            }
        }.getCallTarget();
        assertEquals(499500L, target.call());
    }
}
