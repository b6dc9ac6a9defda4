//! Unicode a reader would not notice must not hide a phrase (being written: see the robustness issue).

#[test]
fn placeholder_until_the_properties_land() {}
