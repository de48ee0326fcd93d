"""Share addresses, without building a site: every service gets the post's
public address, and a title's characters arrive as typed."""

from urllib.parse import parse_qs, urlsplit

from .share import share_links

TITLE = "Hips & \"knees\" <b>'too'</b> #1? 100%"


def test_each_service_gets_the_title_and_the_public_address_as_typed():
    links = {service: address for service, _, _, address in
             share_links("https://coach.example/", TITLE, "hips/")}
    assert parse_qs(urlsplit(links["x"]).query) == {
        "text": [TITLE], "url": ["https://coach.example/hips/"]}
    assert parse_qs(urlsplit(links["whatsapp"]).query) == {
        "text": [f"{TITLE} https://coach.example/hips/"]}


def test_a_space_is_percent_20_which_every_mail_program_reads_as_a_space():
    [email] = [a for service, _, _, a in share_links("https://coach.example", "Why I run", "x/")
               if service == "email"]
    assert email == "mailto:?subject=Why%20I%20run&body=https%3A%2F%2Fcoach.example%2Fx%2F"


def test_each_link_says_where_it_goes_holding_the_name_shown():
    labels = [(name, label) for _, name, label, _ in share_links("https://c.example", "T", "")]
    assert labels == [("WhatsApp", "Share on WhatsApp"), ("Facebook", "Share on Facebook"),
                      ("X", "Share on X"), ("LinkedIn", "Share on LinkedIn"),
                      ("Email", "Share by email")]
