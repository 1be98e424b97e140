use super::*;
use crate::experiments::common::memorized;

fn finished(levels: Option<usize>, precision: f64, radius: Option<f64>) -> Finished {
    let suite = Suite {
        scale: Scale::Quick,
        seeds: Seeds::new(1),
    };
    let job = Quantization
        .plan(suite)
        .into_iter()
        .find(|j| j.params.levels == levels)
        .expect("planned");
    let s = Similarity {
        precision,
        recall: precision,
    };
    Done {
        job,
        result: Output {
            memorize: memorized(40, 39, 2.0),
            median_seconds: 0.1,
            time_limit: 1,
            rounding: (3, 40),
            distinct_weights: 9,
            spectral_radius: radius,
            cycles: vec![s, s],
        },
    }
}

#[test]
fn the_plan_has_the_reference_and_every_level() {
    let suite = Suite {
        scale: Scale::Full,
        seeds: Seeds::new(1),
    };
    let plan = Quantization.plan(suite);
    let levels: Vec<Option<usize>> = plan.iter().map(|j| j.params.levels).collect();
    assert_eq!(
        levels,
        [
            None,
            Some(3),
            Some(5),
            Some(9),
            Some(17),
            Some(33),
            Some(65)
        ]
    );
    assert!(
        plan.iter()
            .all(|j| j.params.spec.neurons == 200 && j.params.cycles == 10)
    );
    assert!(plan.iter().all(|j| j.seed == plan[0].seed));
}

#[test]
fn the_summary_writes_rows_figures_and_a_table() {
    let dir = std::env::temp_dir().join(format!("rsnn-quantization-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let done = [
        finished(None, 0.95, Some(1e-4)),
        finished(Some(3), 0.5, None),
        finished(Some(9), 0.9, Some(2e-3)),
    ];
    let md = summary::summarize(&done, &dir).expect("summarizes");
    assert!(md.contains("| continuous L2 | 39 / 40 |"), "{md}");
    assert!(md.contains("| 3 | 39 / 40 | 1 | 3 / 40 | 9 |"), "{md}");
    let csv = std::fs::read_to_string(dir.join("quantization.csv")).expect("csv");
    assert_eq!(csv.lines().count(), 4);
    assert!(
        !csv.contains("seconds"),
        "wall times make the file differ between runs: {csv}"
    );
    assert!(dir.join("precision-vs-levels.svg").exists());
    assert!(dir.join("radius-vs-levels.svg").exists());
    std::fs::remove_dir_all(&dir).expect("removed");
}
