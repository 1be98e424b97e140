//! The aggregate steps of the stability summary on hand-made results.

use super::summary::{cycle_rows, l2_curves, label, noise_rows, objective_rows, original_table};
use super::*;
use crate::experiments::common::memorized;

fn sim(precision: f64, recall: f64) -> Similarity {
    Similarity { precision, recall }
}

fn finished(net: usize, objective: &str, radius: Option<f64>, cycles: Vec<Similarity>) -> Finished {
    let (_, spec, _, _) = sizes(Scale::Quick);
    Done {
        job: Job {
            id: format!("quick-net{net}-{objective}"),
            seed: 1,
            params: Params {
                net,
                spec,
                objective: objective.into(),
                sigmas: vec![0.1],
                cycles: cycles.len(),
            },
        },
        result: Output {
            memorize: memorized(60, 60 - net, 2.0 + net as f64),
            stability: radius.map(|spectral_radius| Spectrum {
                spectral_radius,
                top_magnitudes: vec![spectral_radius],
            }),
            runs: vec![FreeRun { sigma: 0.1, cycles }],
        },
    }
}

fn two_networks() -> Vec<Finished> {
    vec![
        finished(0, "l2", Some(0.5), vec![sim(1.0, 0.9), sim(0.8, 1.0)]),
        finished(0, "none", None, vec![sim(0.2, 0.2)]),
        finished(1, "l2", Some(0.3), vec![sim(0.6, 0.7), sim(1.0, 1.0)]),
    ]
}

#[test]
fn rows_follow_the_objective_order_then_the_jobs() {
    let rows = cycle_rows(&two_networks());
    let keys: Vec<(usize, &str, usize)> = rows
        .iter()
        .map(|r| (r.net, r.objective.as_str(), r.cycle))
        .collect();
    assert_eq!(
        keys,
        [
            (0, "none", 0),
            (0, "l2", 0),
            (0, "l2", 1),
            (1, "l2", 0),
            (1, "l2", 1)
        ]
    );
}

#[test]
fn mean_and_minimum_over_two_networks() {
    let noise = noise_rows(&cycle_rows(&two_networks()));
    assert_eq!(noise.len(), 2);
    let l2 = &noise[1];
    assert_eq!((l2.objective.as_str(), l2.sigma), ("l2", 0.1));
    assert!((l2.precision.0 - 0.85).abs() < 1e-12 && l2.precision.1 == 0.6);
    assert!((l2.recall.0 - 0.9).abs() < 1e-12 && l2.recall.1 == 0.7);
    let curves = l2_curves(&cycle_rows(&two_networks()));
    assert_eq!(curves.len(), 1);
    assert_eq!(curves[0].0, "sigma = 0.1");
    assert!((curves[0].1[0].1 - 0.75).abs() < 1e-12 && curves[0].1[1] == (1.0, 0.9));
}

#[test]
fn memorization_and_radius_per_objective() {
    let rows = objective_rows(&two_networks());
    let l2 = rows.iter().find(|r| r.objective == "l2").unwrap();
    assert_eq!((l2.networks, l2.neurons, l2.mean_feasible), (2, 60, 59.5));
    assert_eq!(l2.mean_seconds, 2.5);
    let (mean, max) = l2.radius.unwrap();
    assert!((mean - 0.4).abs() < 1e-12 && max == 0.5);
    let none = rows.iter().find(|r| r.objective == "none").unwrap();
    assert_eq!(none.radius, None);
}

#[test]
fn a_result_without_its_stability_field_does_not_parse() {
    let mut value = serde_json::to_value(&two_networks()[1].result).unwrap();
    assert!(serde_json::from_value::<Output>(value.clone()).is_ok());
    value.as_object_mut().unwrap().remove("stability");
    let e = serde_json::from_value::<Output>(value)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing field `stability`"), "{e}");
}

#[test]
fn the_original_view_labels_none_as_the_vertex_and_gives_the_reference() {
    let done = two_networks();
    let noise = noise_rows(&cycle_rows(&done));
    let md = original_table(&objective_rows(&done), &noise);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "| objective | mean radius | sigma 0.1 |");
    // The objectives in the original scripts' order (none, L1, L2), then the reference.
    assert_eq!(lines[2], "| none (simplex vertex) | - | 0.200 / 0.200 |");
    assert_eq!(lines[3], "| L2 | 4.00e-1 | 0.850 / 0.900 |");
    assert!(
        lines[4].contains("1.7e-4") && lines[4].contains("0.951-0.955"),
        "{md}"
    );
    assert_eq!(lines.len(), 5);
    assert_eq!(label("linf"), "L-infinity");
}
