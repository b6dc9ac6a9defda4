//! Links the `tonelint` executable at a fixed address on Linux.
//!
//! The built-in lexicons are tables of string references compiled into the binary. In a
//! position-independent executable each of those references (and those of the crates' own tables)
//! is a relocation the dynamic loader must apply at every start, writing to some hundred pages
//! before `main` runs: about a millisecond of a run that checks one short message. A fixed-address
//! executable has them resolved by the linker instead.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
