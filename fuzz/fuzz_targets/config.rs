//! `Config::parse` on arbitrary text: a bad config is an error message naming the file, never a
//! panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tonelint_cli::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(Path::new("dir/tonelint.toml"), text) {
        Ok(config) => {
            // Error positions for every name the file holds (what an unknown rule name shows).
            let names: Vec<String> = config
                .only
                .iter()
                .chain(&config.enable)
                .chain(&config.disable)
                .chain(config.severity.iter().map(|(n, _)| n))
                .map(|n| n.get_ref().clone())
                .collect();
            for name in names {
                let place = config.locate(&name).expect("a name from the file is located");
                assert!(place.starts_with("dir/tonelint.toml:"), "{place}");
            }
        }
        Err(message) => assert!(message.starts_with("dir/tonelint.toml"), "{message}"),
    }
});
