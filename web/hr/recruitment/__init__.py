"""The recruitment desk (`/hr/recruitment`): CPNS/PPPK rounds and JPT open selections."""
