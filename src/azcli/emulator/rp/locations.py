"""The region catalogue: the public Azure regions, with their published coordinates and pairs."""

# name, display name, geography group, geography, physical location, longitude, latitude, pair, zones, category
REGIONS = [
    ("eastus", "East US", "US", "United States", "Virginia", "-79.8164", "37.3719", "westus", True, "Recommended"),
    ("eastus2", "East US 2", "US", "United States", "Virginia", "-78.3889", "36.6681", "centralus", True,
     "Recommended"),
    ("southcentralus", "South Central US", "US", "United States", "Texas", "-98.5", "29.4167", "northcentralus",
     True, "Recommended"),
    ("westus2", "West US 2", "US", "United States", "Washington", "-119.852", "47.233", "westcentralus", True,
     "Recommended"),
    ("westus3", "West US 3", "US", "United States", "Phoenix", "-112.074036", "33.448376", "eastus", True,
     "Recommended"),
    ("australiaeast", "Australia East", "Asia Pacific", "Australia", "New South Wales", "151.2094", "-33.86",
     "australiasoutheast", True, "Recommended"),
    ("southeastasia", "Southeast Asia", "Asia Pacific", "Asia Pacific", "Singapore", "103.833", "1.283", "eastasia",
     True, "Recommended"),
    ("northeurope", "North Europe", "Europe", "Europe", "Ireland", "-6.2597", "53.3478", "westeurope", True,
     "Recommended"),
    ("uksouth", "UK South", "Europe", "United Kingdom", "London", "-0.799", "50.941", "ukwest", True, "Recommended"),
    ("westeurope", "West Europe", "Europe", "Europe", "Netherlands", "4.9", "52.3667", "northeurope", True,
     "Recommended"),
    ("centralus", "Central US", "US", "United States", "Iowa", "-93.6208", "41.5908", "eastus2", True, "Recommended"),
    ("southafricanorth", "South Africa North", "Africa", "South Africa", "Johannesburg", "28.218370", "-25.731340",
     "southafricawest", True, "Recommended"),
    ("centralindia", "Central India", "Asia Pacific", "India", "Pune", "73.9197", "18.5822", "southindia", True,
     "Recommended"),
    ("eastasia", "East Asia", "Asia Pacific", "Asia Pacific", "Hong Kong", "114.188", "22.267", "southeastasia", True,
     "Recommended"),
    ("japaneast", "Japan East", "Asia Pacific", "Japan", "Tokyo, Saitama", "139.77", "35.68", "japanwest", True,
     "Recommended"),
    ("koreacentral", "Korea Central", "Asia Pacific", "Korea", "Seoul", "126.9780", "37.5665", "koreasouth", True,
     "Recommended"),
    ("canadacentral", "Canada Central", "Canada", "Canada", "Toronto", "-79.383", "43.653", "canadaeast", True,
     "Recommended"),
    ("francecentral", "France Central", "Europe", "France", "Paris", "2.3730", "46.3772", "francesouth", True,
     "Recommended"),
    ("germanywestcentral", "Germany West Central", "Europe", "Germany", "Frankfurt", "8.682127", "50.110924",
     "germanynorth", True, "Recommended"),
    ("norwayeast", "Norway East", "Europe", "Norway", "Norway", "10.752245", "59.913868", "norwaywest", True,
     "Recommended"),
    ("switzerlandnorth", "Switzerland North", "Europe", "Switzerland", "Zurich", "8.564572", "47.451542",
     "switzerlandwest", True, "Recommended"),
    ("uaenorth", "UAE North", "Middle East", "UAE", "Dubai", "55.316666", "25.266666", "uaecentral", True,
     "Recommended"),
    ("brazilsouth", "Brazil South", "South America", "Brazil", "Sao Paulo State", "-46.633", "-23.55",
     "southcentralus", True, "Recommended"),
    ("northcentralus", "North Central US", "US", "United States", "Illinois", "-87.6278", "41.8819",
     "southcentralus", False, "Other"),
    ("westus", "West US", "US", "United States", "California", "-122.417", "37.783", "eastus", False, "Other"),
    ("westcentralus", "West Central US", "US", "United States", "Wyoming", "-110.234", "40.890", "westus2", False,
     "Other"),
    ("japanwest", "Japan West", "Asia Pacific", "Japan", "Osaka", "135.5022", "34.6939", "japaneast", False, "Other"),
    ("australiasoutheast", "Australia Southeast", "Asia Pacific", "Australia", "Victoria", "144.9631", "-37.8136",
     "australiaeast", False, "Other"),
    ("australiacentral", "Australia Central", "Asia Pacific", "Australia", "Canberra", "149.1244", "-35.3075",
     "australiacentral2", False, "Other"),
    ("australiacentral2", "Australia Central 2", "Asia Pacific", "Australia", "Canberra", "149.1244", "-35.3075",
     "australiacentral", False, "Other"),
    ("southindia", "South India", "Asia Pacific", "India", "Chennai", "80.1636", "12.9822", "centralindia", False,
     "Other"),
    ("westindia", "West India", "Asia Pacific", "India", "Mumbai", "72.868", "19.088", "southindia", False, "Other"),
    ("koreasouth", "Korea South", "Asia Pacific", "Korea", "Busan", "129.0756", "35.1796", "koreacentral", False,
     "Other"),
    ("canadaeast", "Canada East", "Canada", "Canada", "Quebec", "-71.217", "46.817", "canadacentral", False, "Other"),
    ("ukwest", "UK West", "Europe", "United Kingdom", "Cardiff", "-3.084", "53.427", "uksouth", False, "Other"),
    ("francesouth", "France South", "Europe", "France", "Marseille", "2.1972", "43.8345", "francecentral", False,
     "Other"),
    ("germanynorth", "Germany North", "Europe", "Germany", "Berlin", "8.806422", "53.073635", "germanywestcentral",
     False, "Other"),
    ("norwaywest", "Norway West", "Europe", "Norway", "Norway", "5.733107", "58.969975", "norwayeast", False, "Other"),
    ("switzerlandwest", "Switzerland West", "Europe", "Switzerland", "Geneva", "6.143158", "46.204391",
     "switzerlandnorth", False, "Other"),
    ("uaecentral", "UAE Central", "Middle East", "UAE", "Abu Dhabi", "54.366669", "24.466667", "uaenorth", False,
     "Other"),
    ("southafricawest", "South Africa West", "Africa", "South Africa", "Cape Town", "18.843266", "-34.075691",
     "southafricanorth", False, "Other"),
    ("brazilsoutheast", "Brazil Southeast", "South America", "Brazil", "Rio", "-43.2075", "-22.90278", "brazilsouth",
     False, "Other"),
]

NAMES = {r[0] for r in REGIONS}


def normalize(location):
    """The canonical region name for "westus", "West US", "WESTUS"...; None if unknown."""
    if not isinstance(location, str):
        return None
    name = location.replace(" ", "").lower()
    return name if name in NAMES else None


def document(sub_id, region, api_version):
    name, display, group, geography, physical, lon, lat, pair, zones, category = region
    prefix = "/subscriptions/%s/locations/" % sub_id
    if api_version < "2019-11-01":
        return {"id": prefix + name, "name": name, "displayName": display, "longitude": lon, "latitude": lat}
    doc = {"id": prefix + name, "name": name, "type": "Region", "displayName": display,
           "regionalDisplayName": "(%s) %s" % (group, display),
           "metadata": {"regionType": "Physical", "regionCategory": category, "geography": geography,
                        "geographyGroup": group, "longitude": lon, "latitude": lat, "physicalLocation": physical,
                        "pairedRegion": [{"name": pair, "id": prefix + pair}]}}
    if zones and api_version >= "2022-12-01":
        doc["availabilityZoneMappings"] = [{"logicalZone": z, "physicalZone": "%s-az%s" % (name, z)}
                                           for z in ("1", "2", "3")]
    return doc
