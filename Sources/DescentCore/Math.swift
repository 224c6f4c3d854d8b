#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The elementary functions the core needs, from the C math library (the core imports no Foundation).
public enum Math {
    @inlinable public static func exp(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.exp(x)
        #else
        Darwin.exp(x)
        #endif
    }
    @inlinable public static func log(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log(x)
        #else
        Darwin.log(x)
        #endif
    }
    @inlinable public static func log10(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log10(x)
        #else
        Darwin.log10(x)
        #endif
    }
    @inlinable public static func sin(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.sin(x)
        #else
        Darwin.sin(x)
        #endif
    }
    @inlinable public static func cos(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.cos(x)
        #else
        Darwin.cos(x)
        #endif
    }
    @inlinable public static func atan2(_ y: Double, _ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.atan2(y, x)
        #else
        Darwin.atan2(y, x)
        #endif
    }
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double {
        #if canImport(Glibc)
        Glibc.pow(x, y)
        #else
        Darwin.pow(x, y)
        #endif
    }
    @inlinable public static func tan(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.tan(x)
        #else
        Darwin.tan(x)
        #endif
    }
    @inlinable public static func tanh(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.tanh(x)
        #else
        Darwin.tanh(x)
        #endif
    }
    @inlinable public static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log1p(x)
        #else
        Darwin.log1p(x)
        #endif
    }
    @inlinable public static func expm1(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.expm1(x)
        #else
        Darwin.expm1(x)
        #endif
    }
}
