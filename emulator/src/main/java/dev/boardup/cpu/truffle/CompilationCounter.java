package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.compiler.TruffleCompilerListener.CompilationResultInfo;
import com.oracle.truffle.compiler.TruffleCompilerListener.GraphInfo;
import com.oracle.truffle.runtime.OptimizedCallTarget;
import com.oracle.truffle.runtime.OptimizedTruffleRuntime;
import com.oracle.truffle.runtime.OptimizedTruffleRuntimeListener;
import com.oracle.truffle.runtime.TruffleInlining;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts Graal compilations of region CallTargets, including their on-stack-replacement copies, per engine. It
 * listens to the optimizing runtime (compilations finish on compiler threads) and finds the engine by the region's
 * name, which OSR targets carry too.
 */
final class CompilationCounter implements OptimizedTruffleRuntimeListener {
    private static final Map<Integer, WeakReference<TruffleEngine>> ENGINES = new ConcurrentHashMap<>();
    private static boolean installed;

    private CompilationCounter() {
    }

    /** Adds the listener to the optimizing runtime once; false when the runtime is not the optimizing one. */
    static synchronized boolean install() {
        if (installed) {
            return true;
        }
        if (!(Truffle.getRuntime() instanceof OptimizedTruffleRuntime runtime)) {
            return false;
        }
        runtime.addListener(new CompilationCounter());
        installed = true;
        return true;
    }

    static void register(TruffleEngine engine) {
        ENGINES.values().removeIf(ref -> ref.get() == null);
        ENGINES.put(engine.id, new WeakReference<>(engine));
    }

    @Override
    public void onCompilationSuccess(OptimizedCallTarget target, TruffleInlining inlining, GraphInfo graph,
            CompilationResultInfo result, int tier) {
        TruffleEngine engine = engineOf(target.getRootNode());
        if (engine != null) {
            engine.compilations.incrementAndGet();
        }
    }

    private static TruffleEngine engineOf(RootNode root) {
        if (root instanceof RegionRoot region) {
            return region.engine;
        }
        String name = root.getName();
        int at = name == null ? -1 : name.indexOf(TruffleEngine.REGION_NAME_PREFIX);
        if (at < 0) {
            return null;
        }
        int from = at + TruffleEngine.REGION_NAME_PREFIX.length();
        int to = from;
        while (to < name.length() && Character.isDigit(name.charAt(to))) {
            to++;
        }
        if (to == from) {
            return null;
        }
        WeakReference<TruffleEngine> ref = ENGINES.get(Integer.parseInt(name.substring(from, to)));
        return ref == null ? null : ref.get();
    }
}
