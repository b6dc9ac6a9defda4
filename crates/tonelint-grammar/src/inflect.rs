//! All forms of an English verb from its base form: "drop" gives drop, drops, dropped, dropping.
//! Irregular verbs are listed once by the curators (`[irregular]` in a lexicon) and win.

/// The base form followed by its third-person, past and present-participle forms, without
/// duplicates. `irregular` holds the forms a curator listed for this verb, if any.
pub fn forms(base: &str, irregular: Option<&[String]>) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let mut add = |form: String| {
        if !out.contains(&form) {
            out.push(form);
        }
    };
    if let Some(listed) = irregular {
        for form in listed {
            add(form.clone());
        }
        return out;
    }
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let last = chars[n - 1];
    let before_last = if n >= 2 { Some(chars[n - 2]) } else { None };
    // drop -> dropped: a short word ending consonant-vowel-consonant doubles its last letter.
    let doubles = (3..=4).contains(&n)
        && !vowel(last)
        && !matches!(last, 'w' | 'x' | 'y')
        && before_last.is_some_and(vowel)
        && !vowel(chars[n - 3]);
    let third =
        if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("ch") || base.ends_with("sh") {
            format!("{base}es")
        } else if last == 'y' && before_last.is_some_and(|c| !vowel(c)) {
            format!("{}ies", &base[..base.len() - 1])
        } else {
            format!("{base}s")
        };
    let past = if last == 'e' {
        format!("{base}d")
    } else if last == 'y' && before_last.is_some_and(|c| !vowel(c)) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles {
        format!("{base}{last}ed")
    } else {
        format!("{base}ed")
    };
    let participle = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if last == 'e'
        && !base.ends_with("ee")
        && !base.ends_with("ye")
        && !base.ends_with("oe")
        && n > 2
    {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles {
        format!("{base}{last}ing")
    } else {
        format!("{base}ing")
    };
    add(third);
    add(past);
    add(participle);
    out
}

#[cfg(test)]
mod tests {
    use super::forms;

    #[test]
    fn regular_verbs() {
        assert_eq!(
            forms("drop", None),
            ["drop", "drops", "dropped", "dropping"]
        );
        assert_eq!(forms("sign", None), ["sign", "signs", "signed", "signing"]);
        assert_eq!(forms("fax", None), ["fax", "faxes", "faxed", "faxing"]);
        assert_eq!(
            forms("complete", None),
            ["complete", "completes", "completed", "completing"]
        );
        assert_eq!(
            forms("verify", None),
            ["verify", "verifies", "verified", "verifying"]
        );
        assert_eq!(
            forms("delay", None),
            ["delay", "delays", "delayed", "delaying"]
        );
        assert_eq!(
            forms("process", None),
            ["process", "processes", "processed", "processing"]
        );
        assert_eq!(forms("see", None), ["see", "sees", "seed", "seeing"]);
    }

    #[test]
    fn irregular_forms_win() {
        let listed = [
            "sends".to_string(),
            "sent".to_string(),
            "sending".to_string(),
        ];
        assert_eq!(
            forms("send", Some(&listed)),
            ["send", "sends", "sent", "sending"]
        );
    }
}
