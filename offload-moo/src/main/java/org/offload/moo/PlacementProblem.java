package org.offload.moo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.offload.policy.partition.WorkflowProblem;
import org.uma.jmetal.problem.integerproblem.impl.AbstractIntegerProblem;
import org.uma.jmetal.solution.integersolution.IntegerSolution;

/**
 * A workflow's placement as jMetal's integer problem: variable {@code i} is the processor of component {@code i}
 * (0 the device, then one per core of each admitting VM: {@link WorkflowProblem}), the objectives are its predicted
 * makespan, device energy and server work ({@link WorkflowProblem#objectives}), all minimised. A processor where a
 * component may not run (the device without a CPU) is repaired to processor 1 before evaluation.
 */
final class PlacementProblem extends AbstractIntegerProblem {
    private final WorkflowProblem problem;

    PlacementProblem(WorkflowProblem problem) {
        this.problem = problem;
        int n = problem.components();
        numberOfObjectives(3);
        numberOfConstraints(0);
        name("workflow-placement");
        variableBounds(new ArrayList<>(Collections.nCopies(n, 0)),
                new ArrayList<>(Collections.nCopies(n, problem.processors() - 1)));
    }

    @Override
    public IntegerSolution evaluate(IntegerSolution s) {
        int[] proc = processors(s);
        double[] o = problem.objectives(proc);
        for (int k = 0; k < o.length; k++) {
            s.objectives()[k] = o[k];
        }
        return s;
    }

    /** The solution's processors, repaired where a component may not run. */
    int[] processors(IntegerSolution s) {
        List<Integer> v = s.variables();
        int[] proc = new int[v.size()];
        for (int i = 0; i < proc.length; i++) {
            proc[i] = problem.allowed(i, v.get(i)) ? v.get(i) : 1;
        }
        return proc;
    }
}
