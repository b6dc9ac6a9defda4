//! Properties of `check` that hold for any input (being written: see the robustness issue).

#[test]
fn placeholder_until_the_properties_land() {}
