#!/usr/bin/perl
# Writes the small MaxMind-format database the tests read, with known answers (GeoLite2-City's layout):
#   81.2.69.0/24      GB, England, London
#   14.160.0.0/16     VN, Hanoi, Hanoi
#   203.113.128.0/18  VN (country only)
#   2405:4800::/32    VN, Ho Chi Minh, Ho Chi Minh City
#   2a03:2880::/32    US (country only)
# Everything else is a miss (8.8.8.8 among them), and reserved ranges (10/8, 192.168/16, 2001:db8::/32) are
# left out, as in MaxMind's own databases. Usage: geoip-fixture.pl OUTPUT.mmdb
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $output = shift or die "usage: $0 OUTPUT.mmdb\n";
my %types = (country => 'map', subdivisions => ['array', 'map'], city => 'map', names => 'map');
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => 6,
    record_size              => 24,
    database_type            => 'Clickstream-Test-City',
    languages                => ['en'],
    description              => { en => 'clickstream test fixture' },
    map_key_type_callback    => sub { $types{ $_[0] } // 'utf8_string' },
    alias_ipv6_to_ipv4       => 1,
    remove_reserved_networks => 1,
);
sub place {
    my ($country, $region, $city) = @_;
    my %record = (country => { iso_code => $country });
    $record{subdivisions} = [ { names => { en => $region } } ] if defined $region;
    $record{city} = { names => { en => $city } } if defined $city;
    return \%record;
}
$tree->insert_network('81.2.69.0/24', place('GB', 'England', 'London'));
$tree->insert_network('14.160.0.0/16', place('VN', 'Hanoi', 'Hanoi'));
$tree->insert_network('203.113.128.0/18', place('VN'));
$tree->insert_network('2405:4800::/32', place('VN', 'Ho Chi Minh', 'Ho Chi Minh City'));
$tree->insert_network('2a03:2880::/32', place('US'));
open my $out, '>:raw', $output or die "cannot write $output: $!\n";
$tree->write_tree($out);
close $out or die "cannot write $output: $!\n";
