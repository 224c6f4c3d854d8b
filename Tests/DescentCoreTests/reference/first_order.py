#!/usr/bin/env python3
"""Independent reference trajectories for descent's first-order optimizers.

Written from torch.optim's documented algorithms
and update formulas, with numpy and nothing from descent. Runs each
optimizer 50 steps on Rosenbrock f = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1) with
non-default settings and prints the iterates at steps 10 and 50 with 17 significant
digits; FirstOrderOptimizerTests hard-codes these numbers.

    python3 Tests/DescentCoreTests/reference/first_order.py
    python3 Tests/DescentCoreTests/reference/first_order.py --ziggurat-table   # SeededGenerator's table
"""
import math
import sys

import mpmath
import numpy as np

START = (-1.2, 1.0)
STEPS = 50
CHECKPOINTS = (10, 50)
MASK64 = (1 << 64) - 1


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def ziggurat_edges(layers=256):
    """x_0 > x_1 = r > ... > x_layers = 0 of a ziggurat under f(x) = exp(-x^2/2) (Marsaglia & Tsang 2000).

    Every layer has the area v = r f(r) + (tail area beyond r); x_{i+1} = f^-1(v / x_i + f(x_i)), and
    x_0 = v / f(r). r is found by bisection so that the top layer ends at f = 1; computed with 50
    digits, then rounded to doubles.
    """
    mpmath.mp.dps = 50
    f = lambda x: mpmath.exp(-x * x / 2)

    def edges(r):
        v = r * f(r) + mpmath.sqrt(mpmath.pi / 2) * mpmath.erfc(r / mpmath.sqrt(2))
        xs = [v / f(r), r]
        while len(xs) < layers:
            y = v / xs[-1] + f(xs[-1])
            if y >= 1:
                return None  # r too small: the layers reach the top too early
            xs.append(mpmath.sqrt(-2 * mpmath.log(y)))
        return xs if v / xs[-1] + f(xs[-1]) <= 1 else None

    low, high = mpmath.mpf(3), mpmath.mpf(4)
    for _ in range(200):
        middle = (low + high) / 2
        if edges(middle) is None:
            low = middle
        else:
            high = middle
    return [float(x) for x in edges(high)] + [0.0]


ZIGGURAT_EDGES = ziggurat_edges()
ZIGGURAT_HEIGHTS = [math.exp(-0.5 * x * x) for x in ZIGGURAT_EDGES]


class SplitMix64:
    """SplitMix64 (Steele, Lea & Flood 2014) with ziggurat normals, as SeededGenerator."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        return (float(self.next() >> 11) + 0.5) * 2.0 ** -53

    def normal(self):
        """Layer from bits 0-7, sign from bit 8, a 53-bit uniform from bits 11-63."""
        while True:
            bits = self.next()
            layer = bits & 0xFF
            x = float(bits >> 11) * 2.0 ** -53 * ZIGGURAT_EDGES[layer]
            sign = -1.0 if bits & 0x100 else 1.0
            if x < ZIGGURAT_EDGES[layer + 1]:
                return math.copysign(x, sign)
            if layer == 0:
                r = ZIGGURAT_EDGES[1]
                while True:
                    a = -math.log(self.uniform()) / r
                    b = -math.log(self.uniform())
                    if b + b >= a * a:
                        return math.copysign(r + a, sign)
            low, high = ZIGGURAT_HEIGHTS[layer], ZIGGURAT_HEIGHTS[layer + 1]
            if low + self.uniform() * (high - low) < math.exp(-0.5 * x * x):
                return math.copysign(x, sign)

    def normal2(self):
        x = self.normal()
        return np.array([x, self.normal()])


def gd(lr):
    def step(p, g, t):
        return p - lr * g
    return step


def noise_draw(seed, t):
    """xi_t of step t: the normals of a generator seeded by the first draw of one seeded by seed ^ t * golden."""
    keyed = SplitMix64(seed ^ ((t * 0x9E3779B97F4A7C15) & MASK64))
    return SplitMix64(keyed.next()).normal2()


def sgd(lr, noise, seed):
    def step(p, g, t):
        noisy = g + noise * noise_draw(seed, t)
        return p - lr * noisy
    return step


def noisy(inner, noise, seed):
    """Any first-order step given the noisy gradient g + noise * xi_t (the noise=σ key, run seed `seed`)."""
    def step(p, g, t):
        return inner(p, g + noise * noise_draw(seed, t), t)
    return step


def momentum(lr, mu, dampening=0.0, nesterov=False):
    state = {"b": None}

    def step(p, g, t):
        if state["b"] is None:
            state["b"] = g.copy()
        else:
            state["b"] = state["b"] * mu + (1 - dampening) * g
        direction = g + mu * state["b"] if nesterov else state["b"]
        return p - lr * direction
    return step


def adagrad(lr, lr_decay, initial_accumulator_value, eps):
    state = {"s": np.full(2, initial_accumulator_value)}

    def step(p, g, t):
        clr = lr / (1 + (t - 1) * lr_decay)
        state["s"] = state["s"] + g * g
        std = np.sqrt(state["s"]) + eps
        return p - clr * g / std
    return step


def rmsprop(lr, alpha, eps, mu, centered):
    state = {"v": np.zeros(2), "a": np.zeros(2), "b": np.zeros(2)}

    def step(p, g, t):
        state["v"] = state["v"] * alpha + (1 - alpha) * g * g
        if centered:
            state["a"] = state["a"] * alpha + (1 - alpha) * g
            avg = np.sqrt(state["v"] - state["a"] * state["a"]) + eps
        else:
            avg = np.sqrt(state["v"]) + eps
        if mu > 0:
            state["b"] = state["b"] * mu + g / avg
            return p - lr * state["b"]
        return p - lr * g / avg
    return step


def adadelta(lr, rho, eps):
    state = {"v": np.zeros(2), "u": np.zeros(2)}

    def step(p, g, t):
        state["v"] = state["v"] * rho + (1 - rho) * g * g
        std = np.sqrt(state["v"] + eps)
        delta = np.sqrt(state["u"] + eps) / std * g
        state["u"] = state["u"] * rho + (1 - rho) * delta * delta
        return p - lr * delta
    return step


def adam(lr, beta1, beta2, eps, amsgrad):
    state = {"m": np.zeros(2), "v": np.zeros(2), "vmax": np.zeros(2)}

    def step(p, g, t):
        state["m"] = state["m"] * beta1 + (1 - beta1) * g
        state["v"] = state["v"] * beta2 + (1 - beta2) * g * g
        bias_correction1 = 1 - beta1 ** t
        bias_correction2 = 1 - beta2 ** t
        step_size = lr / bias_correction1
        if amsgrad:
            state["vmax"] = np.maximum(state["vmax"], state["v"])
            second = state["vmax"]
        else:
            second = state["v"]
        denom = np.sqrt(second) / math.sqrt(bias_correction2) + eps
        return p - step_size * state["m"] / denom
    return step


# The spec descent parses, and the same optimizer here.
RUNS = [
    ("gd:lr=0.001", lambda: gd(0.001)),
    ("sgd:lr=0.001,noise=0.5,seed=7", lambda: sgd(0.001, 0.5, 7)),
    ("momentum:lr=0.0005,momentum=0.8,dampening=0.3", lambda: momentum(0.0005, 0.8, 0.3)),
    ("nesterov:lr=0.0005,momentum=0.85", lambda: momentum(0.0005, 0.85, nesterov=True)),
    ("adagrad:lr=0.1,lr_decay=0.05,initial_accumulator_value=0.5,eps=1e-10",
     lambda: adagrad(0.1, 0.05, 0.5, 1e-10)),
    ("rmsprop:lr=0.001,alpha=0.9,eps=1e-8,momentum=0.5,centered=true",
     lambda: rmsprop(0.001, 0.9, 1e-8, 0.5, True)),
    ("rmsprop:lr=0.01", lambda: rmsprop(0.01, 0.99, 1e-8, 0.0, False)),
    ("adadelta:lr=1,rho=0.95,eps=0.01", lambda: adadelta(1.0, 0.95, 1e-2)),
    ("adam:lr=0.05,beta1=0.8,beta2=0.99,eps=1e-6,amsgrad=true", lambda: adam(0.05, 0.8, 0.99, 1e-6, True)),
    ("adam:lr=0.01", lambda: adam(0.01, 0.9, 0.999, 1e-8, False)),
    ("adam:lr=0.01,noise=2", lambda: noisy(adam(0.01, 0.9, 0.999, 1e-8, False), 2.0, 0)),
    ("momentum:lr=0.0005,momentum=0.8,noise=1", lambda: noisy(momentum(0.0005, 0.8), 1.0, 0)),
]


def trajectory(make, start=START):
    step = make()
    p = np.array(start, dtype=float)
    points = [p]
    for t in range(1, STEPS + 1):
        p = step(p, gradient(p), t)
        points.append(p)
    return points


def main():
    if "--ziggurat-table" in sys.argv:
        values = [repr(x) for x in ZIGGURAT_EDGES]
        for k in range(0, len(values), 4):
            print("        " + ", ".join(values[k:k + 4]) + ",")
        return
    for spec, make in RUNS:
        points = trajectory(make)
        # How much a 1e-15 change of the start moves step 50: the rounding headroom of a 1e-9 comparison.
        nudged = trajectory(make, (START[0] + 1e-15, START[1]))
        spread = float(np.max(np.abs(nudged[STEPS] - points[STEPS])))
        print(f"{spec}    (step-50 change per 1e-15 at the start: {spread:.1e})")
        for k in CHECKPOINTS:
            x, y = (float(c) for c in points[k])
            print(f"  step {k}: ({x!r}, {y!r})")


if __name__ == "__main__":
    main()
